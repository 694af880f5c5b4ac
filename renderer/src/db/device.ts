/**
 * This machine's id, as every revision names it. Kept apart from the record
 * schemas so that the window's first script can set it without loading zod.
 */
let deviceId = 'device-unset';

export function setDeviceId(id: string): void {
  deviceId = id;
}
export function getDeviceId(): string {
  return deviceId;
}
