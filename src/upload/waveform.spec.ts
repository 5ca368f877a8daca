import { WAVEFORM_SLICES, WaveformBuilder } from './waveform';

/** 16-bit PCM whose sample `i` is `level(i)`. */
const pcm = (count: number, level: (index: number) => number): Buffer => {
  const buffer = Buffer.alloc(count * 2);
  for (let index = 0; index < count; index += 1) {
    buffer.writeInt16LE(level(index), index * 2);
  }
  return buffer;
};

describe('WaveformBuilder', () => {
  it('draws 64 slices scaled to the loudest, quiet first half and loud second half', () => {
    const builder = new WaveformBuilder();
    builder.add(pcm(80_000, (index) => (index < 40_000 ? 1000 : -20_000) * (index % 2 ? 1 : -1)));
    const slices = builder.slices();
    expect(slices).toHaveLength(WAVEFORM_SLICES);
    expect(builder.sampleCount).toBe(80_000);
    expect([...slices.subarray(0, 31)].every((value) => value === 13)).toBe(true);
    expect([...slices.subarray(33)].every((value) => value === 255)).toBe(true);
  });

  it('keeps memory fixed for long audio, still placing a single click where it happened', () => {
    const builder = new WaveformBuilder();
    const total = 8000 * 60 * 30;
    for (let start = 0; start < total; start += 80_000) {
      builder.add(pcm(80_000, (index) => (start + index === Math.round((total * 16.5) / 64) ? 30_000 : 0)));
    }
    const slices = builder.slices();
    expect(slices.indexOf(255)).toBe(16);
    expect(slices.filter((value) => value > 0)).toHaveLength(1);
  });

  it('joins a sample split across two chunks', () => {
    const whole = pcm(2, () => -12_345);
    const builder = new WaveformBuilder();
    builder.add(whole.subarray(0, 3));
    builder.add(whole.subarray(3));
    expect(builder.sampleCount).toBe(2);
    expect(builder.slices()[0]).toBe(255);
  });

  it('draws silence as silence', () => {
    const builder = new WaveformBuilder();
    builder.add(pcm(8000, () => 0));
    expect([...builder.slices()].every((value) => value === 0)).toBe(true);
    expect([...new WaveformBuilder().slices()].every((value) => value === 0)).toBe(true);
  });
});
