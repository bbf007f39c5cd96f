/** Whether a delivered location is inside the office's geofence (great-circle distance). */

export interface Point {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_M = 6_371_000;

export function distanceMeters(a: Point, b: Point): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type GeofenceCheck = { inside: true; meters: number } | { inside: false; meters: number };

export function checkGeofence(fence: Point & { radiusMeters: number }, at: Point): GeofenceCheck {
  const meters = Math.round(distanceMeters(fence, at));
  return { inside: meters <= fence.radiusMeters, meters };
}
