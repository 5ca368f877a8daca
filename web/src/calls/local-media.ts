import type { CallType } from '../api/types';
import type { LocalTracks } from './peer-link';

/**
 * This device's microphone, camera and screen share for one call. A missing or refused device does not
 * stop the call: it goes on without that track (receive-only at worst), and `problem` says why.
 */
export class LocalMedia implements LocalTracks {
  readonly stream = new MediaStream();
  audio: MediaStreamTrack | null = null;
  camera: MediaStreamTrack | null = null;
  screen: MediaStreamTrack | null = null;
  problem: string | null = null;

  /** The track in the video slot: the screen while shared, else the camera. */
  get video(): MediaStreamTrack | null {
    return this.screen ?? this.camera;
  }

  /** Opens the microphone (and the camera for a video call); a video call without a camera goes on as voice. */
  async open(type: CallType): Promise<void> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: type === 'video' });
      this.audio = stream.getAudioTracks()[0] ?? null;
      this.camera = stream.getVideoTracks()[0] ?? null;
    } catch {
      if (type === 'video') {
        this.problem = 'Your camera is not available: the call goes on without video.';
        await this.openMicrophoneOnly();
      } else {
        this.problem = 'Your microphone is not available: others cannot hear you.';
      }
    }
    this.syncStream();
  }

  private async openMicrophoneOnly(): Promise<void> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      this.audio = stream.getAudioTracks()[0] ?? null;
    } catch {
      this.problem = 'Your microphone and camera are not available: others cannot hear or see you.';
    }
  }

  setMuted(muted: boolean): void {
    if (this.audio) {
      this.audio.enabled = !muted;
    }
  }

  /** Turns the camera on (a new track) or off (stopped, so its light goes out). */
  async setCamera(on: boolean): Promise<MediaStreamTrack | null> {
    if (!on) {
      this.camera?.stop();
      this.camera = null;
    } else if (!this.camera) {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      this.camera = stream.getVideoTracks()[0] ?? null;
    }
    this.syncStream();
    return this.video;
  }

  /** Starts sharing (the browser asks what); `onEnded` runs when the user stops it from the browser's bar. */
  async startScreen(onEnded: () => void): Promise<MediaStreamTrack | null> {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    this.screen = stream.getVideoTracks()[0] ?? null;
    this.screen?.addEventListener('ended', onEnded, { once: true });
    this.syncStream();
    return this.video;
  }

  stopScreen(): MediaStreamTrack | null {
    this.screen?.stop();
    this.screen = null;
    this.syncStream();
    return this.video;
  }

  close(): void {
    for (const track of [this.audio, this.camera, this.screen]) {
      track?.stop();
    }
    this.audio = this.camera = this.screen = null;
    this.syncStream();
  }

  /** The local preview shows what is sent. */
  private syncStream(): void {
    for (const track of this.stream.getTracks()) {
      this.stream.removeTrack(track);
    }
    for (const track of [this.audio, this.video]) {
      if (track) {
        this.stream.addTrack(track);
      }
    }
  }
}
