import { distanceMeters, type LatLng } from '../../../src/core/geo.ts';

/** Whether a delivered location is inside the office's geofence (great-circle distance). */

export type GeofenceCheck = { inside: true; meters: number } | { inside: false; meters: number };

export function checkGeofence(fence: LatLng & { radiusMeters: number }, at: LatLng): GeofenceCheck {
  const meters = Math.round(distanceMeters(fence, at));
  return { inside: meters <= fence.radiusMeters, meters };
}
