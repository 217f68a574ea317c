/* eslint-disable @typescript-eslint/no-explicit-any -- the clients return whatever the API answers */
// Types of the document's clients (doc-clients.js) as the tests use them.
export function setApiOrigin(origin: string): void;
export function setAccessToken(token: string): void;
export class ContentManager {
  constructor(accessToken: string);
  createCourse(courseData: object): Promise<any>;
  addSection(courseId: string, sectionData: object): Promise<any>;
  addMaterial(sectionId: string, materialData: object): Promise<any>;
  uploadVideo(materialId: string, videoFile: File): Promise<void>;
}
export function uploadAvatar(accessToken: string, imageFile: File): Promise<string>;
export class ProfileManager {
  constructor(accessToken: string);
  getProfile(): Promise<any>;
  updateProfile(profileData: object): Promise<any>;
  uploadAvatar(imageFile: File): Promise<string>;
  updateProfileWithAvatar(profileData: object, avatarFile?: File): Promise<any>;
}
export function installProfileForm(): void;
export class APIClient {
  constructor(baseURL: string, accessToken: string | null);
  request(method: string, endpoint: string, data?: object | null): Promise<any>;
  login(email: string, password: string): Promise<any>;
  getProfile(): Promise<any>;
  updateProfile(profileData: object): Promise<any>;
  getCourses(): Promise<any>;
  createCourse(courseData: object): Promise<any>;
}
