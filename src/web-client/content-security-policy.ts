import type { AppConfig } from '../config/app-config';

/**
 * Origins the web client may load attachments (images, voice messages) from: CLOUDINARY_DELIVERY_BASE when
 * uploads go through Parley (Cloudinary's CDN, or the stand-in in development), and the origins of
 * ATTACHMENT_URL_PREFIXES, where attachments sent as URLs before uploads were referenced may live.
 */
export function attachmentOrigins(config: AppConfig): string[] {
  const origins = config.messages.attachmentUrlPrefixes.map((prefix) => new URL(prefix).origin);
  if (config.upload.cloudinary) {
    origins.push(new URL(config.media.deliveryBase).origin);
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
