// The JavaScript clients of contract 003 (docs/contracts/003_eb7eed43260d47cd.txt), copied as the
// document prints them. Only the placeholders differ: `https://api.example.com` is `API_ORIGIN`,
// set by the test to a listening Lectern, and the form's 'your-access-token' is `ACCESS_TOKEN`.
// The usage examples around them (which read files from a page) are replaced by the tests.
/* global fetch, document, alert, FormData */
/* eslint-disable no-console -- the document's examples log */

let API_ORIGIN = 'https://api.example.com';
let ACCESS_TOKEN = 'your-access-token';
export const setApiOrigin = (origin) => {
  API_ORIGIN = origin;
};
export const setAccessToken = (token) => {
  ACCESS_TOKEN = token;
};

// "Complete Course Creation Workflow"
export class ContentManager {
    constructor(accessToken) {
        this.token = accessToken;
        this.baseURL = `${API_ORIGIN}/api`;
    }

    async createCourse(courseData) {
        const response = await fetch(`${this.baseURL}/courses`, {
            method: 'POST',
            headers: {
                'Authorization': `Bearer ${this.token}`,
                'Content-Type': 'application/json'
            },
            body: JSON.stringify(courseData)
        });
        return await response.json();
    }

    async addSection(courseId, sectionData) {
        const response = await fetch(`${this.baseURL}/courses/${courseId}/sections`, {
            method: 'POST',
            headers: {
                'Authorization': `Bearer ${this.token}`,
                'Content-Type': 'application/json'
            },
            body: JSON.stringify(sectionData)
        });
        return await response.json();
    }

    async addMaterial(sectionId, materialData) {
        const response = await fetch(`${this.baseURL}/sections/${sectionId}/materials`, {
            method: 'POST',
            headers: {
                'Authorization': `Bearer ${this.token}`,
                'Content-Type': 'application/json'
            },
            body: JSON.stringify(materialData)
        });
        return await response.json();
    }

    async uploadVideo(materialId, videoFile) {
        // Get presigned URL
        const presignResponse = await fetch(`${this.baseURL}/materials/${materialId}/upload/presign`, {
            method: 'POST',
            headers: {
                'Authorization': `Bearer ${this.token}`,
                'Content-Type': 'application/json'
            },
            body: JSON.stringify({
                content_type: videoFile.type,
                file_size: videoFile.size,
                file_name: videoFile.name
            })
        });

        const { upload_url } = await presignResponse.json();

        // Upload to cloud storage
        await fetch(upload_url, {
            method: 'PUT',
            body: videoFile,
            headers: {
                'Content-Type': videoFile.type
            }
        });
    }
}

// "Complete Avatar Upload Example"
export async function uploadAvatar(accessToken, imageFile) {
    try {
        // Step 1: Request presigned URL
        const presignResponse = await fetch(`${API_ORIGIN}/api/profile/avatar/presign`, {
            method: 'POST',
            headers: {
                'Authorization': `Bearer ${accessToken}`,
                'Content-Type': 'application/json'
            },
            body: JSON.stringify({
                content_type: imageFile.type,
                size: imageFile.size
            })
        });

        if (!presignResponse.ok) {
            throw new Error('Failed to get upload URL');
        }

        const { upload_url, avatar_url } = await presignResponse.json();

        // Step 2: Upload image to cloud storage
        const uploadResponse = await fetch(upload_url, {
            method: 'PUT',
            body: imageFile,
            headers: {
                'Content-Type': imageFile.type
            }
        });

        if (!uploadResponse.ok) {
            throw new Error('Failed to upload image');
        }

        console.log('Avatar uploaded successfully!');
        console.log('New avatar URL:', avatar_url);
        
        return avatar_url;
    } catch (error) {
        console.error('Avatar upload failed:', error);
        throw error;
    }
}

// "Complete Profile Management"
export class ProfileManager {
    constructor(accessToken) {
        this.token = accessToken;
        this.baseURL = `${API_ORIGIN}/api/profile`;
    }

    async getProfile() {
        const response = await fetch(this.baseURL, {
            headers: {
                'Authorization': `Bearer ${this.token}`
            }
        });

        if (!response.ok) {
            throw new Error('Failed to fetch profile');
        }

        return await response.json();
    }

    async updateProfile(profileData) {
        const response = await fetch(this.baseURL, {
            method: 'PUT',
            headers: {
                'Authorization': `Bearer ${this.token}`,
                'Content-Type': 'application/json'
            },
            body: JSON.stringify(profileData)
        });

        if (!response.ok) {
            throw new Error('Failed to update profile');
        }

        return await response.json();
    }

    async uploadAvatar(imageFile) {
        // Validate file
        if (!imageFile.type.startsWith('image/')) {
            throw new Error('File must be an image');
        }

        if (imageFile.size > 5 * 1024 * 1024) { // 5MB
            throw new Error('File size must be less than 5MB');
        }

        // Get presigned URL
        const presignResponse = await fetch(`${this.baseURL}/avatar/presign`, {
            method: 'POST',
            headers: {
                'Authorization': `Bearer ${this.token}`,
                'Content-Type': 'application/json'
            },
            body: JSON.stringify({
                content_type: imageFile.type,
                size: imageFile.size
            })
        });

        if (!presignResponse.ok) {
            throw new Error('Failed to get upload URL');
        }

        const { upload_url, avatar_url } = await presignResponse.json();

        // Upload to cloud storage
        const uploadResponse = await fetch(upload_url, {
            method: 'PUT',
            body: imageFile,
            headers: {
                'Content-Type': imageFile.type
            }
        });

        if (!uploadResponse.ok) {
            throw new Error('Failed to upload avatar');
        }

        return avatar_url;
    }

    // Utility method to update profile with avatar
    async updateProfileWithAvatar(profileData, avatarFile) {
        let updatedProfile = profileData;

        // Upload avatar if provided
        if (avatarFile) {
            const avatarUrl = await this.uploadAvatar(avatarFile);
            updatedProfile = { ...profileData, avatar_url: avatarUrl };
        }

        return await this.updateProfile(updatedProfile);
    }
}

// "Form Integration Example": the page's <script>, run as the page runs it (the test provides
// `document`, `alert` and a FormData that reads its stand-in form).
export function installProfileForm() {
        document.getElementById('profile-form').addEventListener('submit', async (e) => {
            e.preventDefault();
            
            const formData = new FormData(e.target);
            const profileData = Object.fromEntries(formData.entries());
            
            // Remove empty values
            Object.keys(profileData).forEach(key => {
                if (profileData[key] === '') {
                    delete profileData[key];
                }
            });
            
            const avatarFile = document.getElementById('avatar-input').files[0];
            
            try {
                const profileManager = new ProfileManager(ACCESS_TOKEN);
                
                if (avatarFile) {
                    await profileManager.updateProfileWithAvatar(profileData, avatarFile);
                } else {
                    await profileManager.updateProfile(profileData);
                }
                
                alert('Profile updated successfully!');
            } catch (error) {
                alert('Error updating profile: ' + error.message);
            }
        });
}

// "Using JavaScript/Node.js"
export class APIClient {
    constructor(baseURL, accessToken) {
        this.baseURL = baseURL;
        this.token = accessToken;
    }

    async request(method, endpoint, data = null) {
        const url = `${this.baseURL}${endpoint}`;
        const options = {
            method,
            headers: {
                'Content-Type': 'application/json'
            }
        };

        if (this.token) {
            options.headers['Authorization'] = `Bearer ${this.token}`;
        }

        if (data) {
            options.body = JSON.stringify(data);
        }

        const response = await fetch(url, options);
        const responseData = await response.json();

        if (!response.ok) {
            throw new Error(`API Error: ${responseData.error?.message || response.statusText}`);
        }

        return responseData;
    }

    // Auth methods
    async login(email, password) {
        return await this.request('POST', '/api/auth/login', { email, password });
    }

    // Profile methods
    async getProfile() {
        return await this.request('GET', '/api/profile');
    }

    async updateProfile(profileData) {
        return await this.request('PUT', '/api/profile', profileData);
    }

    // Course methods
    async getCourses() {
        return await this.request('GET', '/api/courses');
    }

    async createCourse(courseData) {
        return await this.request('POST', '/api/courses', courseData);
    }
}
