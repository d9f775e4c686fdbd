/** A map link Telegram shows as tappable text; it opens the map app on a phone. */
export function mapLink(location: { latitude: number; longitude: number }): string {
  return `https://maps.google.com/?q=${location.latitude.toFixed(6)},${location.longitude.toFixed(6)}`;
}
