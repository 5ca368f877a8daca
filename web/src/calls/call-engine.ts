import type { CallEndedPayload, CallJoinAck, CallType, CallView, IceCandidateInit } from '../api/types';
import type { AckDataOf, ClientEventName, PayloadOf } from '../chat/socket-call';
import { SocketCallError } from '../chat/socket-call-error';
import type { ChatSocket } from '../realtime/connection';
import {
  type CallAction,
  type CallUiState,
  idleCalls,
  type MediaFlags,
  offerTargets,
  reduceCalls,
} from './call-state';
import { callErrorText } from './call-text';
import { LocalMedia } from './local-media';
import { type LinkState, PeerLink } from './peer-link';
import { relayOnly, rtcConfiguration } from './relay-preference';

type Emit = <E extends ClientEventName>(event: E, payload: PayloadOf<E>) => Promise<AckDataOf<E>>;

export interface CallEngineDeps {
  myUserId: string;
  socket: ChatSocket;
  /** A client event with its ack (ChatSession.call). */
  emit: Emit;
  /** Fresh ICE servers for a long call (`GET /calls/ice-servers`). */
  fetchIceServers: () => Promise<Pick<CallJoinAck, 'iceServers' | 'ttlSeconds'>>;
  /** A conversation's live call changed: its "Join call" banner should look again. */
  onConversationCallChanged: (conversationId: string) => void;
}

export interface PeerView {
  state: LinkState;
  stream: MediaStream;
}

/** Everything the call screens read, replaced as a whole on every change (for useSyncExternalStore). */
export interface CallSnapshot {
  calls: CallUiState;
  peers: ReadonlyMap<string, PeerView>;
  localStream: MediaStream | null;
  /** A passing message: a refused action, a missing camera. */
  notice: string | null;
  /** A start or an answer is on its way. */
  joining: boolean;
}

const NOTICE_MS = 6000;
/** How long "Could not connect" shows before a failed 1:1 call is ended as `failed`. */
const FAILED_CALL_GRACE_MS = 5000;
/** Candidates from a device whose offer has not arrived yet, kept at most this many. */
const EARLY_CANDIDATES_MAX = 64;

/**
 * This device's calls: the ringing ones, the one it is in, its RTCPeerConnections (full mesh, one link per
 * remote device) and its microphone, camera and screen. Socket events and the user's actions go through
 * the pure `reduceCalls`; the media side effects stay here.
 */
export class CallEngine {
  private snapshotValue: CallSnapshot = {
    calls: idleCalls,
    peers: new Map(),
    localStream: null,
    notice: null,
    joining: false,
  };
  private readonly listeners = new Set<() => void>();
  private readonly links = new Map<string, PeerLink>();
  private readonly earlyCandidates = new Map<string, IceCandidateInit[]>();
  /** Calls that ended lately (events can overtake the ack of the call they end). */
  private readonly recentlyEnded = new Map<string, CallEndedPayload>();
  private local: LocalMedia | null = null;
  private config: RTCConfiguration = {};
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ringTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private failTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: CallEngineDeps) {
    this.bind(deps.socket);
  }

  get snapshot(): CallSnapshot {
    return this.snapshotValue;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CallSnapshot => this.snapshotValue;

  private get state(): CallUiState {
    return this.snapshotValue.calls;
  }

  // --- The user's actions ---------------------------------------------------------------------------------

  /** Calls a conversation (or joins its live call, which `call_invite` does when there is one). */
  async start(conversationId: string, type: CallType): Promise<void> {
    await this.join(type, () =>
      this.deps.emit('call_invite', { conversationId, type, clientCallId: crypto.randomUUID() }),
    );
  }

  /** Answers a ringing call, or joins a live group call from its banner. */
  async accept(callId: string, type: CallType): Promise<void> {
    await this.join(type, () => this.deps.emit('call_accept', { callId }));
  }

  async decline(callId: string): Promise<void> {
    this.dispatch({ kind: 'stop-ringing', callId });
    await this.deps.emit('call_reject', { callId }).catch(() => undefined);
  }

  /** Leaves the call (a direct call ends for both); `failed` when the media connection could not be made. */
  hangUp(failed = false): void {
    const current = this.state.current;
    if (!current) {
      return;
    }
    const { callId } = current.call;
    void this.deps
      .emit('call_end', failed ? { callId, reason: 'failed' } : { callId })
      .catch(() => undefined);
    const endedAt = Date.now();
    const answeredAt = current.call.answeredAt ? Date.parse(current.call.answeredAt) : null;
    const unanswered = answeredAt === null && current.call.kind === 'direct';
    this.endLocally({
      callId,
      conversationId: current.call.conversationId,
      reason: failed ? 'failed' : unanswered ? 'cancelled' : 'ended',
      endedBy: this.deps.myUserId,
      durationSeconds: answeredAt === null ? null : Math.round((endedAt - answeredAt) / 1000),
    });
  }

  toggleMute(): void {
    const current = this.state.current;
    if (!current || !this.local) {
      return;
    }
    const audio = !current.media.audio && this.local.audio !== null;
    this.local.setMuted(!audio);
    this.setMedia({ ...current.media, audio });
  }

  async toggleCamera(): Promise<void> {
    const current = this.state.current;
    if (!current || !this.local) {
      return;
    }
    const on = !current.media.video;
    try {
      const track = await this.local.setCamera(on);
      await this.sendVideo(track);
      this.setMedia({ ...current.media, video: on && this.local.camera !== null });
    } catch {
      this.notify('Your camera is not available.');
    }
  }

  async toggleScreen(): Promise<void> {
    const current = this.state.current;
    if (!current || !this.local) {
      return;
    }
    if (current.media.screen) {
      await this.stopScreen();
      return;
    }
    try {
      const track = await this.local.startScreen(() => void this.stopScreen());
      await this.sendVideo(track);
      this.setMedia({ ...current.media, screen: true });
    } catch {
      // The user cancelled the browser's picker, or sharing is not allowed here.
    }
  }

  dismissEnded(): void {
    this.dispatch({ kind: 'dismiss-ended' });
  }

  /** After a socket reconnect: the same device joins its call again (the others wait for its offers). */
  async rejoin(): Promise<void> {
    const current = this.state.current;
    if (!current) {
      return;
    }
    try {
      this.enter(await this.deps.emit('call_accept', { callId: current.call.callId }));
    } catch (error) {
      if (error instanceof SocketCallError && ['CALL_ENDED', 'CALL_NOT_FOUND'].includes(error.code)) {
        this.endLocally({
          callId: current.call.callId,
          conversationId: current.call.conversationId,
          reason: 'disconnected',
          endedBy: null,
          durationSeconds: null,
        });
      }
    }
  }

  /** Signed out or the page closes: leave the call and let go of the devices. */
  stop(): void {
    this.hangUp();
    for (const timer of this.ringTimers.values()) {
      clearTimeout(timer);
    }
    clearTimeout(this.noticeTimer);
  }

  // --- Joining and leaving ---------------------------------------------------------------------------------

  private async join(type: CallType, request: () => Promise<CallJoinAck>): Promise<void> {
    if (this.state.current || this.snapshotValue.joining) {
      this.notify(callErrorText('ALREADY_IN_CALL', ''));
      return;
    }
    this.update({ joining: true });
    const local = new LocalMedia();
    try {
      await local.open(type);
      this.local = local;
      this.enter(await request());
      if (local.problem && this.state.current) {
        this.notify(local.problem);
      }
    } catch (error) {
      local.close();
      this.local = null;
      const code = error instanceof SocketCallError ? error.code : 'FAILED';
      this.notify(callErrorText(code, error instanceof Error ? error.message : 'The call could not start.'));
      if (error instanceof SocketCallError && ['CALL_ENDED', 'CALL_NOT_FOUND'].includes(code)) {
        this.state.incoming.forEach((call) => this.dispatch({ kind: 'stop-ringing', callId: call.callId }));
      }
    } finally {
      this.update({ joining: false });
    }
  }

  /** Takes part in the call the ack describes: one link per device already there, each sent an offer. */
  private enter(ack: CallJoinAck): void {
    const { call } = ack;
    this.deps.onConversationCallChanged(call.conversationId);
    const ended = this.recentlyEnded.get(call.callId) ?? (call.status === 'ended' ? endedFrom(call) : null);
    if (ended) {
      // Over before the ack arrived (busy, unavailable, or ended meanwhile): its call_ended came first.
      this.endLocally(ended);
      return;
    }
    this.config = rtcConfiguration(ack.iceServers, relayOnly());
    this.scheduleIceRefresh(ack.ttlSeconds);
    const local = this.local!;
    const media: MediaFlags = { audio: local.audio !== null, video: local.camera !== null, screen: false };
    this.dispatch({ kind: 'joined', call, myUserId: this.deps.myUserId, media });
    const current = this.state.current;
    if (!current) {
      local.close(); // the ack did not list this device: nothing to take part in
      this.local = null;
      return;
    }
    this.closeLinks();
    for (const target of offerTargets(call, current.myDeviceId)) {
      void this.newLink(target.deviceId)
        .offer(local)
        .catch(() => this.changed());
    }
    void this.deps.emit('call_media', { callId: call.callId, ...media }).catch(() => undefined);
  }

  /** The call is over for this device: close every link and device, and say why. */
  private endLocally(payload: CallEndedPayload): void {
    this.remember(payload);
    clearTimeout(this.refreshTimer);
    clearTimeout(this.failTimer);
    this.failTimer = undefined;
    this.closeLinks();
    this.local?.close();
    this.local = null;
    this.dispatch({ kind: 'ended', payload });
    this.deps.onConversationCallChanged(payload.conversationId);
  }

  // --- Links ------------------------------------------------------------------------------------------------

  private newLink(deviceId: string): PeerLink {
    this.links.get(deviceId)?.close();
    const callId = this.state.current!.call.callId;
    const link = new PeerLink(
      deviceId,
      this.config,
      {
        offer: (sdp) => this.deps.emit('call_offer', { callId, to: deviceId, sdp }),
        answer: (sdp) => this.deps.emit('call_answer', { callId, to: deviceId, sdp }),
        candidate: (candidate) => this.deps.emit('ice_candidate', { callId, to: deviceId, candidate }),
      },
      () => this.changed(),
    );
    this.links.set(deviceId, link);
    for (const candidate of this.earlyCandidates.get(deviceId) ?? []) {
      link.addRemoteCandidate(candidate);
    }
    this.earlyCandidates.delete(deviceId);
    this.changed();
    return link;
  }

  private closeLink(deviceId: string): void {
    this.links.get(deviceId)?.close();
    this.links.delete(deviceId);
    this.earlyCandidates.delete(deviceId);
    this.changed();
  }

  private closeLinks(): void {
    for (const deviceId of [...this.links.keys()]) {
      this.closeLink(deviceId);
    }
    this.earlyCandidates.clear();
  }

  private async sendVideo(track: MediaStreamTrack | null): Promise<void> {
    await Promise.all([...this.links.values()].map((link) => link.replaceTrack('video', track)));
    this.changed();
  }

  private async stopScreen(): Promise<void> {
    const current = this.state.current;
    if (!this.local || !current) {
      return;
    }
    await this.sendVideo(this.local.stopScreen());
    this.setMedia({ ...current.media, screen: false });
  }

  private setMedia(flags: MediaFlags): void {
    const current = this.state.current;
    if (!current) {
      return;
    }
    this.dispatch({ kind: 'my-media', flags });
    void this.deps.emit('call_media', { callId: current.call.callId, ...flags }).catch(() => undefined);
  }

  /** TURN credentials expire: new links (and ICE restarts) of a long call get fresh ones. */
  private scheduleIceRefresh(ttlSeconds: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(
      () => {
        void this.deps
          .fetchIceServers()
          .then((fresh) => {
            if (!this.state.current) {
              return;
            }
            this.config = rtcConfiguration(fresh.iceServers, relayOnly());
            for (const link of this.links.values()) {
              link.pc.setConfiguration(this.config);
            }
            this.scheduleIceRefresh(fresh.ttlSeconds);
          })
          .catch(() => this.scheduleIceRefresh(60));
      },
      Math.max(30, ttlSeconds * 0.8) * 1000,
    );
  }

  // --- Server events ----------------------------------------------------------------------------------------

  private bind(socket: ChatSocket): void {
    const inCall = (callId: string) => this.state.current?.call.callId === callId;
    socket.on('incoming_call', (payload) => {
      if (this.recentlyEnded.has(payload.callId)) {
        return;
      }
      this.dispatch({ kind: 'incoming', payload });
      this.stopRingingAt(payload.callId, payload.ringUntil);
      this.deps.onConversationCallChanged(payload.conversationId);
    });
    socket.on('call_answered_elsewhere', ({ callId }) => this.dispatch({ kind: 'stop-ringing', callId }));
    socket.on('call_missed', ({ callId, conversationId }) => {
      this.dispatch({ kind: 'stop-ringing', callId });
      this.deps.onConversationCallChanged(conversationId);
    });
    socket.on('call_accepted', ({ callId, conversationId, userId, answeredAt }) => {
      if (userId === this.deps.myUserId && !inCall(callId)) {
        // Answered in another tab of this browser (the same device): stop ringing here too.
        this.dispatch({ kind: 'stop-ringing', callId });
      }
      this.dispatch({ kind: 'accepted', callId, answeredAt });
      this.deps.onConversationCallChanged(conversationId);
    });
    socket.on('call_rejected', ({ callId, userId }) => {
      if (userId === this.deps.myUserId) {
        this.dispatch({ kind: 'stop-ringing', callId });
      }
    });
    socket.on('call_participant_joined', ({ callId, participant }) =>
      this.dispatch({ kind: 'participant-joined', callId, participant }),
    );
    socket.on('call_participant_left', ({ callId, deviceId }) => {
      if (inCall(callId)) {
        this.closeLink(deviceId);
      }
      this.dispatch({ kind: 'participant-left', callId, deviceId });
    });
    socket.on('call_media', ({ callId, deviceId, audio, video, screen }) =>
      this.dispatch({ kind: 'media', callId, deviceId, flags: { audio, video, screen } }),
    );
    socket.on('call_ended', (payload) => {
      if (inCall(payload.callId)) {
        this.endLocally(payload);
      } else {
        this.remember(payload);
        this.dispatch({ kind: 'stop-ringing', callId: payload.callId });
        this.deps.onConversationCallChanged(payload.conversationId);
      }
    });
    this.bindSignals(socket, inCall);
  }

  /** Offers, answers and candidates from the other devices of the call this device is in. */
  private bindSignals(socket: ChatSocket, inCall: (callId: string) => boolean): void {
    socket.on('call_offer', ({ callId, from, sdp }) => {
      if (!inCall(callId) || !this.local) {
        return; // another tab of this browser shares the device id; only the one in the call answers
      }
      // Every offer starts a fresh link: a device that joins again (after a reconnect) offers anew.
      void this.newLink(from.deviceId)
        .answer(sdp, this.local)
        .catch(() => this.changed());
    });
    socket.on('call_answer', ({ callId, from, sdp }) => {
      if (inCall(callId)) {
        void this.links
          .get(from.deviceId)
          ?.accept(sdp)
          .catch(() => this.changed());
      }
    });
    socket.on('ice_candidate', ({ callId, from, candidate }) => {
      if (!inCall(callId)) {
        return;
      }
      const link = this.links.get(from.deviceId);
      if (link) {
        link.addRemoteCandidate(candidate);
        return;
      }
      const early = this.earlyCandidates.get(from.deviceId) ?? [];
      if (early.length < EARLY_CANDIDATES_MAX) {
        this.earlyCandidates.set(from.deviceId, [...early, candidate]);
      }
    });
  }

  private remember(payload: CallEndedPayload): void {
    this.recentlyEnded.set(payload.callId, payload);
    if (this.recentlyEnded.size > 20) {
      this.recentlyEnded.delete(this.recentlyEnded.keys().next().value!);
    }
  }

  private stopRingingAt(callId: string, ringUntil: string): void {
    clearTimeout(this.ringTimers.get(callId));
    // The server's call_missed / call_ended end the ringing; this only covers a lost event.
    const delay = Math.max(0, Date.parse(ringUntil) - Date.now()) + 3000;
    this.ringTimers.set(
      callId,
      setTimeout(() => {
        this.ringTimers.delete(callId);
        this.dispatch({ kind: 'stop-ringing', callId });
      }, delay),
    );
  }

  // --- The snapshot -----------------------------------------------------------------------------------------

  private dispatch(action: CallAction): void {
    const calls = reduceCalls(this.state, action);
    if (calls !== this.state) {
      this.update({ calls });
    }
  }

  private notify(text: string): void {
    clearTimeout(this.noticeTimer);
    this.update({ notice: text });
    this.noticeTimer = setTimeout(() => this.update({ notice: null }), NOTICE_MS);
  }

  /** Link states or streams changed. */
  private changed(): void {
    this.update({});
    this.watchForFailure();
  }

  /**
   * A 1:1 call whose only link failed (ICE failed, nothing to connect with, or no connection in time) ends
   * as `failed` after a moment on screen ("Could not connect"), unless it recovers meanwhile. In a group
   * one failed link leaves the others going: its tile says so.
   */
  private watchForFailure(): void {
    const current = this.state.current;
    const links = [...this.links.values()];
    const failing = current?.call.kind === 'direct' && links.length === 1 && links[0].state === 'failed';
    if (!failing) {
      clearTimeout(this.failTimer);
      this.failTimer = undefined;
    } else if (this.failTimer === undefined) {
      this.failTimer = setTimeout(() => {
        this.failTimer = undefined;
        if ([...this.links.values()].some((link) => link.state === 'failed')) {
          this.hangUp(true);
        }
      }, FAILED_CALL_GRACE_MS);
    }
  }

  private update(change: Partial<CallSnapshot>): void {
    const peers = new Map<string, PeerView>();
    for (const [deviceId, link] of this.links) {
      peers.set(deviceId, { state: link.state, stream: link.remoteStream });
    }
    this.snapshotValue = {
      ...this.snapshotValue,
      peers,
      localStream: this.local?.stream ?? null,
      ...change,
    };
    for (const listener of this.listeners) {
      listener();
    }
  }
}

/** The ended notice for a call the ack already shows as over (busy, unavailable, ended meanwhile). */
function endedFrom(call: CallView): CallEndedPayload {
  return {
    callId: call.callId,
    conversationId: call.conversationId,
    reason: call.endReason ?? 'ended',
    endedBy: null,
    durationSeconds: null,
  };
}
