import type { IceCandidateInit } from '../api/types';
import { SignalQueue } from './signal-queue';

/** A link that has not connected by then is shown as failed (it may still connect later). */
const CONNECT_TIMEOUT_MS = 30_000;

/** What a link sends to its remote device through Parley (`call_offer`, `call_answer`, `ice_candidate`). */
export interface LinkSignals {
  offer(sdp: string): Promise<unknown>;
  answer(sdp: string): Promise<unknown>;
  candidate(candidate: IceCandidateInit): Promise<unknown>;
}

/** How the media path to one remote device stands, as the call screen shows it. */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** The local tracks every link sends: one audio and one video slot (a null video slot sends nothing). */
export interface LocalTracks {
  stream: MediaStream;
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
}

/**
 * One RTCPeerConnection to one remote device of the call. Every link has an audio and a video transceiver,
 * whatever the call's type, so turning the camera on in a voice call or sharing the screen is a
 * `replaceTrack`, never a renegotiation. Which side offers is the mesh rule's business (the engine's).
 */
export class PeerLink {
  readonly pc: RTCPeerConnection;
  readonly remoteStream = new MediaStream();
  private readonly remoteCandidates: SignalQueue<IceCandidateInit>;
  private readonly localCandidates: SignalQueue<IceCandidateInit>;
  private everConnected = false;
  private closed = false;
  /** Gathering ended without a single local candidate (no network, or TURN refused with relay only). */
  private noRoute = false;
  private gathered = 0;
  private timedOut = false;
  private readonly connectTimer: ReturnType<typeof setTimeout>;

  constructor(
    readonly deviceId: string,
    config: RTCConfiguration,
    private readonly signals: LinkSignals,
    private readonly onChange: () => void,
  ) {
    this.pc = new RTCPeerConnection(config);
    this.remoteCandidates = new SignalQueue((candidate) => {
      this.pc.addIceCandidate(candidate).catch(() => undefined); // a stale candidate is harmless
    });
    this.localCandidates = new SignalQueue((candidate) => {
      void this.signals.candidate(candidate).catch(() => undefined);
    });
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate) {
        this.gathered += 1;
        this.localCandidates.push(candidate.toJSON() as IceCandidateInit);
      }
    };
    this.pc.onicegatheringstatechange = () => {
      if (this.pc.iceGatheringState === 'complete' && this.gathered === 0) {
        this.noRoute = true;
        this.onChange();
      }
    };
    this.connectTimer = setTimeout(() => {
      this.timedOut = true;
      this.onChange();
    }, CONNECT_TIMEOUT_MS);
    this.pc.ontrack = ({ track }) => {
      this.remoteStream.addTrack(track);
      this.onChange();
    };
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'connected') {
        this.everConnected = true;
        clearTimeout(this.connectTimer);
      }
      this.onChange();
    };
  }

  get state(): LinkState {
    if (!this.everConnected && (this.noRoute || this.timedOut)) {
      return 'failed';
    }
    switch (this.pc.connectionState) {
      case 'connected':
        return 'connected';
      case 'failed':
        return 'failed';
      case 'disconnected':
        return 'reconnecting';
      default:
        return this.everConnected ? 'reconnecting' : 'connecting';
    }
  }

  /** The joiner's side: sends the offer with this device's tracks. */
  async offer(local: LocalTracks): Promise<void> {
    this.pc.addTransceiver(local.audio ?? 'audio', { direction: 'sendrecv', streams: [local.stream] });
    this.pc.addTransceiver(local.video ?? 'video', { direction: 'sendrecv', streams: [local.stream] });
    await this.pc.setLocalDescription();
    await this.signals.offer(this.pc.localDescription?.sdp ?? '');
    this.localCandidates.release();
  }

  /** The side already in the call: answers the joiner's offer with this device's tracks. */
  async answer(sdp: string, local: LocalTracks): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    this.remoteCandidates.release();
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      transceiver.direction = 'sendrecv';
      transceiver.sender.setStreams(local.stream);
      await transceiver.sender.replaceTrack(kind === 'audio' ? local.audio : local.video);
    }
    await this.pc.setLocalDescription();
    await this.signals.answer(this.pc.localDescription?.sdp ?? '');
    this.localCandidates.release();
  }

  async accept(sdp: string): Promise<void> {
    if (this.pc.signalingState !== 'have-local-offer') {
      return; // an answer to an offer this link never made (a stale one): nothing to do
    }
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    this.remoteCandidates.release();
  }

  addRemoteCandidate(candidate: IceCandidateInit): void {
    if (candidate.candidate !== '') {
      this.remoteCandidates.push(candidate);
    }
  }

  /** What this device sends in the audio or video slot from now on (null: nothing). */
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    for (const transceiver of this.pc.getTransceivers()) {
      if (transceiver.receiver.track.kind === kind) {
        await transceiver.sender.replaceTrack(track).catch(() => undefined);
      }
    }
  }

  close(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    clearTimeout(this.connectTimer);
    this.remoteCandidates.clear();
    this.localCandidates.clear();
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.onicegatheringstatechange = null;
    this.pc.close();
  }
}
