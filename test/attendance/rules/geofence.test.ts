import { describe, expect, it } from 'vitest';
import { checkGeofence } from '../../../commands/attendance/rules/geofence.ts';
import { distanceMeters } from '../../../src/core/geo.ts';

const office = { latitude: 39.9087, longitude: 116.3975, radiusMeters: 300 };

describe('geofence', () => {
  it('measures great-circle distance: 0.001° of latitude is about 111 m', () => {
    expect(Math.round(distanceMeters(office, { latitude: 39.9097, longitude: 116.3975 }))).toBe(111);
  });

  it.each([
    [39.9087, 116.3975, true],
    [39.9113, 116.3975, true],
    [39.9115, 116.3975, false],
    [31.2304, 121.4737, false],
  ])('a check-in at %f,%f is inside: %s', (latitude, longitude, inside) => {
    expect(checkGeofence(office, { latitude, longitude }).inside).toBe(inside);
  });
});
