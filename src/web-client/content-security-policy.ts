import type { AppConfig } from '../config/app-config';

/** Where Cloudinary delivers uploads: the SDK's `secure_url`s point here. */
export const CLOUDINARY_DELIVERY_ORIGIN = 'https://res.cloudinary.com';

/**
 * Origins the web client may load attachments (images, voice messages) from: those of
 * ATTACHMENT_URL_PREFIXES, and Cloudinary's delivery host when uploads go through Parley. A
 * CLOUDINARY_API_BASE outside cloudinary.com (a stand-in or a proxy) is taken to deliver files too.
 */
export function attachmentOrigins(config: AppConfig): string[] {
  const origins = config.messages.attachmentUrlPrefixes.map((prefix) => new URL(prefix).origin);
  const cloudinary = config.upload.cloudinary;
  if (cloudinary) {
    origins.push(CLOUDINARY_DELIVERY_ORIGIN);
    const apiBase = new URL(cloudinary.apiBase);
    if (!/(^|\.)cloudinary\.com$/.test(apiBase.hostname)) {
      origins.push(apiBase.origin);
    }
  }
  return [...new Set(origins)];
}

/**
 * helmet's Content-Security-Policy directives for every response, written out in full (helmet's defaults
 * are not used): the client's scripts and styles come only from its own files, never inline.
 * No `upgrade-insecure-requests`: behind Nginx the page is already HTTPS (with HSTS), and on plain-HTTP
 * development servers it would break loading from the Cloudinary stand-in.
 */
export function contentSecurityPolicy(config: AppConfig): Record<string, string[]> {
  const media = attachmentOrigins(config);
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    // 'self' also covers same-origin ws:/wss: (CSP Level 3), which Socket.IO's WebSocket transport uses.
    'connect-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:', ...media],
    'media-src': ["'self'", 'blob:', ...media],
    // Vite inlines small assets (fonts among them) into the CSS as data: URLs.
    'font-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  };
}
