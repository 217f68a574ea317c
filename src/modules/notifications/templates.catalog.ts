// The built-in templates: every template 003 lists plus its examples' `verification_code` and
// `chat_message`, each for the channels where it makes sense. Liquid syntax; HTML parts escape
// every value, text parts and subjects do not (they are not HTML). Admins may override any
// channel version (stored in notification_template_overrides) and reset it to these.
import type { Channel, TemplateContent } from './notifications.types.ts';

/** Preference categories by channel (the document's subscription keys). */
export type Category =
  | 'marketing'
  | 'product_updates'
  | 'security_alerts'
  | 'course_notifications'
  | 'urgent_notifications'
  | 'chat_messages'
  | 'course_reminders'
  | 'system_notifications';

export interface BuiltinTemplate {
  name: string;
  description: string;
  group: 'authentication' | 'course' | 'system' | 'messaging';
  /** Security and account mails go out whatever the preferences say. */
  alwaysSent: boolean;
  /** Variables the template reads (shown to admins; missing ones render empty). */
  variables: string[];
  channels: Partial<Record<Channel, TemplateContent & { category: Category | null }>>;
}

const footer = '\n\n— The {{ app_name }} team';
const htmlFooter = '<p>— The {{ app_name }} team</p>';

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  {
    name: 'welcome_email',
    description: 'Welcome message for new users',
    group: 'authentication',
    alwaysSent: true,
    variables: ['user_name', 'activation_link', 'support_email'],
    channels: {
      email: {
        category: null,
        subject: 'Welcome to {{ app_name }}!',
        html: "<html><body><h1>Welcome {{ user_name }}!</h1>{% if activation_link %}<p>Click <a href='{{ activation_link }}'>here</a> to activate your account.</p>{% endif %}{% if support_email %}<p>Questions? Write to {{ support_email }}.</p>{% endif %}</body></html>",
        text: 'Welcome {{ user_name }}!{% if activation_link %} Click here to activate your account: {{ activation_link }}{% endif %}{% if support_email %} Questions? Write to {{ support_email }}.{% endif %}',
      },
    },
  },
  {
    name: 'email_verification',
    description: 'Email address verification',
    group: 'authentication',
    alwaysSent: true,
    variables: ['user_name', 'verification_link', 'expires_in'],
    channels: {
      email: {
        category: null,
        subject: 'Confirm your email address',
        html:
          "<p>Hello{% if user_name %} {{ user_name }}{% endif %},</p><p>Please confirm your email address for {{ app_name }}:</p><p><a href='{{ verification_link }}'>{{ verification_link }}</a></p><p>The link is valid for {{ expires_in | default: '24 hours' }} and works once.</p>" +
          htmlFooter,
        text:
          "Hello{% if user_name %} {{ user_name }}{% endif %},\n\nPlease confirm your email address for {{ app_name }}:\n{{ verification_link }}\n\nThe link is valid for {{ expires_in | default: '24 hours' }} and works once." +
          footer,
      },
    },
  },
  {
    name: 'password_reset',
    description: 'Password reset instructions',
    group: 'authentication',
    alwaysSent: true,
    variables: ['user_name', 'reset_link', 'expires_in'],
    channels: {
      email: {
        category: 'security_alerts',
        subject: 'Reset your {{ app_name }} password',
        html:
          "<p>Hello{% if user_name %} {{ user_name }}{% endif %},</p><p>Someone asked to reset the password of your {{ app_name }} account. If it was you, choose a new password here:</p><p><a href='{{ reset_link }}'>{{ reset_link }}</a></p><p>The link is valid for {{ expires_in | default: '1 hour' }} and works once. If it was not you, ignore this mail; your password stays as it is.</p>" +
          htmlFooter,
        text:
          "Hello{% if user_name %} {{ user_name }}{% endif %},\n\nSomeone asked to reset the password of your {{ app_name }} account. If it was you, choose a new password here:\n{{ reset_link }}\n\nThe link is valid for {{ expires_in | default: '1 hour' }} and works once. If it was not you, ignore this mail; your password stays as it is." +
          footer,
      },
    },
  },
  {
    name: 'email_change',
    description: 'Confirmation link for a new email address',
    group: 'authentication',
    alwaysSent: true,
    variables: ['user_name', 'confirm_link', 'expires_in'],
    channels: {
      email: {
        category: null,
        subject: 'Confirm your new email address',
        html:
          "<p>Hello{% if user_name %} {{ user_name }}{% endif %},</p><p>Confirm that this address should become the email of your {{ app_name }} account:</p><p><a href='{{ confirm_link }}'>{{ confirm_link }}</a></p><p>The link is valid for {{ expires_in | default: '24 hours' }} and works once.</p>" +
          htmlFooter,
        text:
          "Hello{% if user_name %} {{ user_name }}{% endif %},\n\nConfirm that this address should become the email of your {{ app_name }} account:\n{{ confirm_link }}\n\nThe link is valid for {{ expires_in | default: '24 hours' }} and works once." +
          footer,
      },
    },
  },
  {
    name: 'email_changed',
    description: 'Notice to the old address that the account email was changed',
    group: 'authentication',
    alwaysSent: true,
    variables: ['user_name', 'new_email'],
    channels: {
      email: {
        category: 'security_alerts',
        subject: 'Your {{ app_name }} email address was changed',
        html:
          '<p>Hello{% if user_name %} {{ user_name }}{% endif %},</p><p>The email address of your {{ app_name }} account was changed to {{ new_email }}. If you did not do this, contact an administrator at once.</p>' +
          htmlFooter,
        text:
          'Hello{% if user_name %} {{ user_name }}{% endif %},\n\nThe email address of your {{ app_name }} account was changed to {{ new_email }}. If you did not do this, contact an administrator at once.' +
          footer,
      },
    },
  },
  {
    name: 'login_alert',
    description: 'Suspicious login attempt notification',
    group: 'authentication',
    alwaysSent: true,
    variables: ['user_name', 'ip_address', 'device', 'location', 'time'],
    channels: {
      email: {
        category: 'security_alerts',
        subject: 'New sign-in to your {{ app_name }} account',
        html:
          '<p>Hello{% if user_name %} {{ user_name }}{% endif %},</p><p>Your account was signed in to from a new device or address: {{ device | default: "unknown device" }}, {{ ip_address | default: "unknown address" }}{% if location %} ({{ location }}){% endif %}{% if time %} at {{ time }}{% endif %}.</p><p>If this was not you, change your password at once.</p>' +
          htmlFooter,
        text:
          'Hello{% if user_name %} {{ user_name }}{% endif %},\n\nYour account was signed in to from a new device or address: {{ device | default: "unknown device" }}, {{ ip_address | default: "unknown address" }}{% if location %} ({{ location }}){% endif %}{% if time %} at {{ time }}{% endif %}.\n\nIf this was not you, change your password at once.' +
          footer,
      },
      sms: {
        category: 'security_alerts',
        subject: null,
        html: null,
        text: '{{ app_name }}: new sign-in from {{ ip_address | default: "an unknown address" }}. Not you? Change your password now.',
      },
      push: {
        category: 'system_notifications',
        subject: 'New sign-in',
        html: null,
        text: 'Your account was signed in to from {{ device | default: "a new device" }}.',
      },
    },
  },
  {
    name: 'account_locked',
    description: 'Account locked notification',
    group: 'authentication',
    alwaysSent: true,
    variables: ['user_name', 'unlock_time', 'reset_link'],
    channels: {
      email: {
        category: 'security_alerts',
        subject: 'Your {{ app_name }} account is locked',
        html:
          "<p>Hello{% if user_name %} {{ user_name }}{% endif %},</p><p>After repeated failed sign-ins your account is locked{% if unlock_time %} until {{ unlock_time }}{% endif %}.</p>{% if reset_link %}<p>If you forgot your password, reset it: <a href='{{ reset_link }}'>{{ reset_link }}</a></p>{% endif %}" +
          htmlFooter,
        text:
          'Hello{% if user_name %} {{ user_name }}{% endif %},\n\nAfter repeated failed sign-ins your account is locked{% if unlock_time %} until {{ unlock_time }}{% endif %}.{% if reset_link %}\nIf you forgot your password, reset it: {{ reset_link }}{% endif %}' +
          footer,
      },
      sms: {
        category: 'security_alerts',
        subject: null,
        html: null,
        text: '{{ app_name }}: your account is locked after repeated failed sign-ins{% if unlock_time %} until {{ unlock_time }}{% endif %}.',
      },
    },
  },
  {
    name: 'course_enrolled',
    description: 'Course enrollment confirmation',
    group: 'course',
    alwaysSent: false,
    variables: ['user_name', 'course_title', 'course_link'],
    channels: {
      email: {
        category: 'course_notifications',
        subject: 'You are enrolled in {{ course_title }}',
        html:
          "<p>Hello{% if user_name %} {{ user_name }}{% endif %},</p><p>You are now enrolled in <strong>{{ course_title }}</strong>.{% if course_link %} Start learning: <a href='{{ course_link }}'>{{ course_link }}</a>{% endif %}</p>" +
          htmlFooter,
        text:
          'Hello{% if user_name %} {{ user_name }}{% endif %},\n\nYou are now enrolled in {{ course_title }}.{% if course_link %} Start learning: {{ course_link }}{% endif %}' +
          footer,
      },
      push: {
        category: 'course_reminders',
        subject: 'Enrolled in {{ course_title }}',
        html: null,
        text: 'You are now enrolled in {{ course_title }}.',
      },
    },
  },
  {
    name: 'course_completed',
    description: 'Course completion certificate',
    group: 'course',
    alwaysSent: false,
    variables: ['user_name', 'course_title', 'certificate_link'],
    channels: {
      email: {
        category: 'course_notifications',
        subject: 'Congratulations: you completed {{ course_title }}',
        html:
          "<p>Congratulations{% if user_name %} {{ user_name }}{% endif %}!</p><p>You completed <strong>{{ course_title }}</strong>.{% if certificate_link %} Your certificate: <a href='{{ certificate_link }}'>{{ certificate_link }}</a>{% endif %}</p>" +
          htmlFooter,
        text:
          'Congratulations{% if user_name %} {{ user_name }}{% endif %}!\n\nYou completed {{ course_title }}.{% if certificate_link %} Your certificate: {{ certificate_link }}{% endif %}' +
          footer,
      },
      push: {
        category: 'course_reminders',
        subject: 'Course completed',
        html: null,
        text: 'You completed {{ course_title }}.',
      },
    },
  },
  {
    name: 'lesson_reminder',
    description: 'Upcoming lesson reminder',
    group: 'course',
    alwaysSent: false,
    variables: ['user_name', 'course_title', 'lesson_title', 'starts_at', 'lesson_link'],
    channels: {
      email: {
        category: 'course_notifications',
        subject: 'Reminder: {{ lesson_title | default: course_title }}{% if starts_at %} at {{ starts_at }}{% endif %}',
        html:
          "<p>Hello{% if user_name %} {{ user_name }}{% endif %},</p><p><strong>{{ lesson_title | default: course_title }}</strong>{% if course_title and lesson_title %} ({{ course_title }}){% endif %} starts{% if starts_at %} at {{ starts_at }}{% else %} soon{% endif %}.{% if lesson_link %} <a href='{{ lesson_link }}'>Join</a>{% endif %}</p>" +
          htmlFooter,
        text:
          'Hello{% if user_name %} {{ user_name }}{% endif %},\n\n{{ lesson_title | default: course_title }}{% if course_title and lesson_title %} ({{ course_title }}){% endif %} starts{% if starts_at %} at {{ starts_at }}{% else %} soon{% endif %}.{% if lesson_link %} Join: {{ lesson_link }}{% endif %}' +
          footer,
      },
      sms: {
        category: 'urgent_notifications',
        subject: null,
        html: null,
        text: '{{ app_name }}: {{ lesson_title | default: course_title }} starts{% if starts_at %} at {{ starts_at }}{% else %} soon{% endif %}.',
      },
      push: {
        category: 'course_reminders',
        subject: 'Lesson starting soon',
        html: null,
        text: '{{ lesson_title | default: course_title }} starts{% if starts_at %} at {{ starts_at }}{% else %} soon{% endif %}.',
      },
    },
  },
  {
    name: 'assignment_due',
    description: 'Assignment due date reminder',
    group: 'course',
    alwaysSent: false,
    variables: ['user_name', 'assignment_title', 'course_title', 'due_at', 'assignment_link'],
    channels: {
      email: {
        category: 'course_notifications',
        subject: '{{ assignment_title }} is due{% if due_at %} {{ due_at }}{% else %} soon{% endif %}',
        html:
          "<p>Hello{% if user_name %} {{ user_name }}{% endif %},</p><p>The assignment <strong>{{ assignment_title }}</strong>{% if course_title %} of {{ course_title }}{% endif %} is due{% if due_at %} {{ due_at }}{% else %} soon{% endif %} and you have not submitted it yet.{% if assignment_link %} <a href='{{ assignment_link }}'>Open it</a>{% endif %}</p>" +
          htmlFooter,
        text:
          'Hello{% if user_name %} {{ user_name }}{% endif %},\n\nThe assignment {{ assignment_title }}{% if course_title %} of {{ course_title }}{% endif %} is due{% if due_at %} {{ due_at }}{% else %} soon{% endif %} and you have not submitted it yet.{% if assignment_link %} Open it: {{ assignment_link }}{% endif %}' +
          footer,
      },
      push: {
        category: 'course_reminders',
        subject: 'Assignment due',
        html: null,
        text: '{{ assignment_title }} is due{% if due_at %} {{ due_at }}{% else %} soon{% endif %}.',
      },
    },
  },
  {
    name: 'media_ready',
    description: 'An uploaded video or image was processed and can be served',
    group: 'system',
    alwaysSent: false,
    variables: ['user_name', 'media_kind', 'course_title'],
    channels: {
      push: {
        category: 'system_notifications',
        subject: 'Upload ready',
        html: null,
        text: 'Your {{ media_kind | default: "upload" }}{% if course_title %} for {{ course_title }}{% endif %} is processed and ready.',
      },
    },
  },
  {
    name: 'media_failed',
    description: 'An uploaded video or image was refused or could not be processed',
    group: 'system',
    alwaysSent: false,
    variables: ['user_name', 'media_kind', 'course_title', 'reason'],
    channels: {
      push: {
        category: 'system_notifications',
        subject: 'Upload failed',
        html: null,
        text: 'Your {{ media_kind | default: "upload" }}{% if course_title %} for {{ course_title }}{% endif %} could not be used: {{ reason | default: "processing failed" }}.',
      },
    },
  },
  {
    name: 'maintenance_notice',
    description: 'System maintenance notification',
    group: 'system',
    alwaysSent: false,
    variables: ['starts_at', 'ends_at', 'details'],
    channels: {
      email: {
        category: 'product_updates',
        subject: 'Planned maintenance{% if starts_at %} on {{ starts_at }}{% endif %}',
        html:
          '<p>{{ app_name }} will be unavailable for maintenance{% if starts_at %} from {{ starts_at }}{% endif %}{% if ends_at %} to {{ ends_at }}{% endif %}.</p>{% if details %}<p>{{ details }}</p>{% endif %}' +
          htmlFooter,
        text:
          '{{ app_name }} will be unavailable for maintenance{% if starts_at %} from {{ starts_at }}{% endif %}{% if ends_at %} to {{ ends_at }}{% endif %}.{% if details %}\n\n{{ details }}{% endif %}' +
          footer,
      },
      sms: {
        category: 'urgent_notifications',
        subject: null,
        html: null,
        text: '{{ app_name }}: maintenance{% if starts_at %} from {{ starts_at }}{% endif %}{% if ends_at %} to {{ ends_at }}{% endif %}.',
      },
      push: {
        category: 'system_notifications',
        subject: 'Planned maintenance',
        html: null,
        text: 'Maintenance{% if starts_at %} from {{ starts_at }}{% endif %}{% if ends_at %} to {{ ends_at }}{% endif %}.',
      },
    },
  },
  {
    name: 'feature_announcement',
    description: 'New feature announcement',
    group: 'system',
    alwaysSent: false,
    variables: ['feature_name', 'description', 'link'],
    channels: {
      email: {
        category: 'marketing',
        subject: 'New in {{ app_name }}: {{ feature_name }}',
        html:
          "<h1>{{ feature_name }}</h1><p>{{ description }}</p>{% if link %}<p><a href='{{ link }}'>Learn more</a></p>{% endif %}" +
          htmlFooter,
        text: '{{ feature_name }}\n\n{{ description }}{% if link %}\n\nLearn more: {{ link }}{% endif %}' + footer,
      },
      push: {
        category: 'system_notifications',
        subject: 'New: {{ feature_name }}',
        html: null,
        text: '{{ description | truncate: 120 }}',
      },
    },
  },
  {
    name: 'security_update',
    description: 'Security-related updates',
    group: 'system',
    alwaysSent: false,
    variables: ['title', 'details', 'link'],
    channels: {
      email: {
        category: 'security_alerts',
        subject: 'Security update: {{ title }}',
        html:
          "<h1>{{ title }}</h1><p>{{ details }}</p>{% if link %}<p><a href='{{ link }}'>Details</a></p>{% endif %}" +
          htmlFooter,
        text: '{{ title }}\n\n{{ details }}{% if link %}\n\nDetails: {{ link }}{% endif %}' + footer,
      },
      sms: {
        category: 'security_alerts',
        subject: null,
        html: null,
        text: '{{ app_name }} security update: {{ title }}',
      },
    },
  },
  {
    name: 'verification_code',
    description: 'One-time verification code',
    group: 'authentication',
    alwaysSent: true,
    variables: ['code', 'expires_in'],
    channels: {
      sms: {
        category: null,
        subject: null,
        html: null,
        text: 'Your {{ app_name }} code is {{ code }}.{% if expires_in %} It expires in {{ expires_in }}.{% endif %} Never share it.',
      },
      email: {
        category: null,
        subject: 'Your {{ app_name }} code: {{ code }}',
        html: '<p>Your {{ app_name }} code is <strong>{{ code }}</strong>.{% if expires_in %} It expires in {{ expires_in }}.{% endif %} Never share it.</p>',
        text: 'Your {{ app_name }} code is {{ code }}.{% if expires_in %} It expires in {{ expires_in }}.{% endif %} Never share it.',
      },
    },
  },
  {
    name: 'chat_message',
    description: 'New chat message',
    group: 'messaging',
    alwaysSent: false,
    variables: ['sender_name', 'message_preview', 'chat_id'],
    channels: {
      push: {
        category: 'chat_messages',
        subject: '{{ sender_name }}',
        html: null,
        text: '{{ message_preview | truncate: 140 }}',
      },
    },
  },
];

export const BUILTIN_BY_NAME: ReadonlyMap<string, BuiltinTemplate> = new Map(
  BUILTIN_TEMPLATES.map((template) => [template.name, template]),
);
