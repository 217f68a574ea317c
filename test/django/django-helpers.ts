// What 002's tests share: one call for any method, with an optional bearer and JSON body.
import type { TestApp } from '../helpers/app.ts';

export function djangoCaller(lectern: TestApp) {
  return (method: string, url: string, auth?: { authorization: string }, payload?: unknown) =>
    lectern.app.inject({
      method: method as 'GET',
      url,
      ...(auth ? { headers: auth } : {}),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}
