/**
 * A ring made with Web Audio (no sound file to ship or allow in the CSP): two tones, one second on, two off,
 * until stopped. A browser that has not seen a click on the page yet keeps the context suspended; the
 * ring is then silent, and the card on screen (and the tab's title) still show the call.
 */
export function startRinging(): () => void {
  let context: AudioContext;
  try {
    context = new AudioContext();
  } catch {
    return () => undefined;
  }
  void context.resume().catch(() => undefined);
  const gain = context.createGain();
  gain.gain.value = 0;
  gain.connect(context.destination);
  const oscillators = [440, 480].map((frequency) => {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start();
    return oscillator;
  });
  const ring = () => {
    const now = context.currentTime;
    gain.gain.setValueAtTime(0.08, now);
    gain.gain.setValueAtTime(0, now + 1);
  };
  ring();
  const timer = setInterval(ring, 3000);
  return () => {
    clearInterval(timer);
    oscillators.forEach((oscillator) => oscillator.stop());
    void context.close().catch(() => undefined);
  };
}
