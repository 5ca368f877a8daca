/** Slices in a voice note's waveform (each one byte, 0-255). */
export const WAVEFORM_SLICES = 64;
/** Peaks kept while the length is unknown; halved by merging neighbours whenever full, so memory is fixed. */
const MAX_BUCKETS = 4096;
/** Quieter than this (about -36 dBFS) is drawn as near silence rather than scaled up to full height. */
const NOISE_FLOOR = 32768 / 64;

/**
 * Peak levels of 16-bit mono PCM as it streams by, in a bounded number of buckets (a bucket covers
 * `bucketSamples` samples, doubled whenever the buckets run out), then folded into 64 slices.
 */
export class WaveformBuilder {
  private readonly buckets: number[] = [0];
  private bucketSamples = 64;
  private inBucket = 0;
  private samples = 0;
  private carry?: number;

  /** Little-endian signed 16-bit samples; a chunk may end in the middle of one. */
  add(pcm: Buffer): void {
    let offset = 0;
    if (this.carry !== undefined && pcm.length > 0) {
      this.sample(Buffer.from([this.carry, pcm[0]]).readInt16LE(0));
      this.carry = undefined;
      offset = 1;
    }
    for (; offset + 1 < pcm.length; offset += 2) {
      this.sample(pcm.readInt16LE(offset));
    }
    if (offset < pcm.length) {
      this.carry = pcm[offset];
    }
  }

  get sampleCount(): number {
    return this.samples;
  }

  /** 64 peaks, scaled to the loudest (above the noise floor) so that the shape shows. */
  slices(): Buffer {
    const used = this.inBucket > 0 ? this.buckets.length : this.buckets.length - 1;
    const peaks = Array.from({ length: WAVEFORM_SLICES }, (_, slice) => {
      const from = Math.floor((slice * used) / WAVEFORM_SLICES);
      const to = Math.max(from + 1, Math.floor(((slice + 1) * used) / WAVEFORM_SLICES));
      return used === 0 ? 0 : Math.max(...this.buckets.slice(from, Math.min(to, used)));
    });
    const scale = Math.max(NOISE_FLOOR, ...peaks);
    return Buffer.from(peaks.map((peak) => Math.round((255 * peak) / scale)));
  }

  private sample(value: number): void {
    const last = this.buckets.length - 1;
    this.buckets[last] = Math.max(this.buckets[last], Math.min(32767, Math.abs(value)));
    this.samples += 1;
    this.inBucket += 1;
    if (this.inBucket < this.bucketSamples) {
      return;
    }
    this.inBucket = 0;
    if (this.buckets.length === MAX_BUCKETS) {
      this.merge();
    }
    this.buckets.push(0);
  }

  private merge(): void {
    for (let index = 0; index < MAX_BUCKETS / 2; index += 1) {
      this.buckets[index] = Math.max(this.buckets[2 * index], this.buckets[2 * index + 1]);
    }
    this.buckets.length = MAX_BUCKETS / 2;
    this.bucketSamples *= 2;
  }
}
