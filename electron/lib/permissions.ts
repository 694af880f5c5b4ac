/**
 * Permissions the renderer may have. Everything is denied (camera, microphone,
 * geolocation, notifications, MIDI, HID…) except writing text to the clipboard,
 * which "copy the e-mail addresses" needs.
 */
const ALLOWED = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, isAppUrl: (url: string) => boolean): boolean {
  return ALLOWED.has(permission) && typeof requestingUrl === 'string' && isAppUrl(requestingUrl);
}
