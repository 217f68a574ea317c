import { startTestApp } from '../helpers/app.ts';
const lectern = await startTestApp();
const doc = lectern.app.swagger() as { paths: Record<string, unknown> };
console.log(Object.keys(doc.paths).filter((p) => /files|media|avatar|storage|uploads/.test(p)));
