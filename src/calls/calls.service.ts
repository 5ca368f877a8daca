import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { AppError } from '../common/errors/app-error';
import { JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationKind } from '../conversations/conversation.schema';
import { ConversationsError, ConversationsErrorCode } from '../conversations/conversations.errors';
import { ConversationsService } from '../conversations/conversations.service';
import { BlocksService } from '../users/blocks/blocks.service';
import { CallAnnouncer } from './call-announcer';
import { CallRingingService } from './call-ringing.service';
import { CallDeviceRef, CallState, isLive, toCallView } from './call-state';
import { CallStateStore } from './call-state.store';
import { CallTimersService } from './call-timers.service';
import { endCall, joinCall, leaveCall, rejectCall, setMedia, startCall } from './call-transitions';
import { CallJoinAck, CallRefAck } from './calls.dto';
import { CallsError, CallsErrorCode } from './calls.errors';
import { IceServersService } from './ice-servers.service';
import { CallView } from '../realtime/server-events';

export interface CallInviteInput {
  conversationId: string;
  type: 'audio' | 'video';
  clientCallId?: string;
}

/** Attempts at an invite whose conversation got another call at the same moment (then it joins that one). */
const INVITE_ATTEMPTS = 3;

/**
 * A call's lifecycle as devices drive it: invite, accept, reject, leave, media state (docs/calls.md). The
 * rules of each step are the pure transitions; this service checks who may act (membership, blocks, other
 * calls), applies the step to the shared state and announces it.
 */
@Injectable()
export class CallsService {
  constructor(
    private readonly store: CallStateStore,
    private readonly announcer: CallAnnouncer,
    private readonly ringing: CallRingingService,
    private readonly timers: CallTimersService,
    private readonly conversations: ConversationsService,
    private readonly blocks: BlocksService,
    private readonly iceServers: IceServersService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts a call in the conversation, or joins (returns) its live one. A repeated `clientCallId` returns
   * the call it started. A call that cannot ring (direct callee busy, nobody reachable) is returned ended.
   */
  async invite(device: CallDeviceRef, input: CallInviteInput): Promise<CallJoinAck> {
    const member = await this.conversations.requireMember(input.conversationId, device.userId);
    for (let attempt = 0; attempt < INVITE_ATTEMPTS; attempt += 1) {
      const earlier = input.clientCallId
        ? await this.store.callOfClientCall(device.userId, input.clientCallId)
        : null;
      if (earlier) {
        return this.joinAck(earlier, device.userId);
      }
      const live = await this.store.liveCallOfConversation(input.conversationId);
      if (live) {
        return live.participants.some((p) => p.deviceId === device.deviceId)
          ? this.joinAck(live, device.userId)
          : this.accept(device, live.callId);
      }
      const kind = member.kind === ConversationKind.Direct ? 'direct' : 'group';
      const started = await this.start(device, input, kind);
      if (started) {
        return this.joinAck(started, device.userId);
      }
    }
    throw new CallsError(CallsErrorCode.NotFound);
  }

  /**
   * The conversation's live call, so a member opening it can offer to join; null when there is none, or
   * when a block stands between the member and the caller (they could not join it).
   */
  async activeIn(userId: string, conversationId: string): Promise<{ call: CallView | null }> {
    await this.conversations.requireMember(conversationId, userId);
    const live = await this.store.liveCallOfConversation(conversationId);
    if (
      !live ||
      (userId !== live.initiatorId && (await this.blocks.eitherBlocked(userId, live.initiatorId)))
    ) {
      return { call: null };
    }
    return { call: toCallView(live, this.config.calls.ringTimeoutSeconds) };
  }

  /** Joins a live call: answering it, joining a group call later, or rejoining after a reconnect. */
  async accept(device: CallDeviceRef, callId: string): Promise<CallJoinAck> {
    const call = await this.requireCallOfMember(callId, device.userId);
    await this.refuseBlocked(call, device.userId);
    if (isLive(call) && !call.participants.some((p) => p.deviceId === device.deviceId)) {
      const other = await this.store.liveCallOfUser(device.userId);
      if (other && other.callId !== callId) {
        throw new CallsError(CallsErrorCode.AlreadyInCall);
      }
    }
    const now = new Date().toISOString();
    const applied = await this.store.apply(callId, (state) =>
      joinCall(state, device, { now, maxParticipants: this.config.calls.maxParticipants }),
    );
    this.announcer.settle(applied);
    return this.joinAck(applied.state, device.userId);
  }

  async reject(device: CallDeviceRef, callId: string): Promise<CallRefAck> {
    await this.requireCallOfMember(callId, device.userId);
    const now = new Date().toISOString();
    this.announcer.settle(await this.store.apply(callId, (state) => rejectCall(state, device, now)));
    return { callId };
  }

  /** This device leaves; a direct call ends with it, a group call when its last device leaves. */
  async leave(device: CallDeviceRef, callId: string, reason: 'left' | 'failed'): Promise<CallRefAck> {
    const now = new Date().toISOString();
    this.announcer.settle(await this.store.apply(callId, (state) => leaveCall(state, device, reason, now)));
    return { callId };
  }

  async setMedia(
    device: CallDeviceRef,
    input: { callId: string; audio: boolean; video: boolean; screen: boolean },
  ): Promise<CallRefAck> {
    const { callId, ...media } = input;
    this.announcer.settle(await this.store.apply(callId, (state) => setMedia(state, device, media)));
    return { callId };
  }

  /**
   * Creates the call with the initiator's device in it and makes it ring; null when the conversation got a
   * live call meanwhile, the callee's crossing invite among them (the invite then joins that one).
   */
  private async start(
    device: CallDeviceRef,
    input: CallInviteInput,
    kind: 'direct' | 'group',
  ): Promise<CallState | null> {
    const invited = await this.whoToRing(device.userId, input.conversationId, kind);
    if (await this.store.liveCallOfUser(device.userId)) {
      throw new CallsError(CallsErrorCode.AlreadyInCall);
    }
    const now = new Date().toISOString();
    const ringing = startCall({
      callId: new Types.ObjectId().toHexString(),
      conversationId: input.conversationId,
      kind,
      type: input.type,
      initiator: device,
      invitedUserIds: invited,
      now,
    });
    const reach = await this.reachability(ringing);
    if (reach === 'crossed') {
      return null;
    }
    const { online, unreachable } = reach;
    const step = unreachable ? endCall(ringing, unreachable, null, now) : { state: ringing, announce: [] };
    const outcome = await this.store.create(step.state, input.clientCallId);
    if (!('created' in outcome)) {
      return null;
    }
    this.announcer.settle({ previous: null, ...step });
    if (!unreachable) {
      await this.ring(step.state, online);
    }
    return step.state;
  }

  /** Every other member, but those blocked either way (in a direct chat a block refuses the call). */
  private async whoToRing(
    userId: string,
    conversationId: string,
    kind: 'direct' | 'group',
  ): Promise<string[]> {
    const [memberIds, { blocked, blockedBy }] = await Promise.all([
      this.conversations.cachedMemberIds(conversationId),
      this.blocks.relationsOf(userId),
    ]);
    const others = memberIds.filter((id) => id !== userId);
    const allowed = others.filter((id) => !blocked.has(id) && !blockedBy.has(id));
    if (kind === 'direct' && allowed.length < others.length) {
      throw new ConversationsError(ConversationsErrorCode.DirectBlocked);
    }
    return allowed;
  }

  /**
   * Who can be rung now: a direct callee in another live call makes it `busy`; nobody online and nobody
   * with a device to push to makes it `unavailable`. A callee whose live call is in this very chat is not
   * busy: their invite crossed ours (`crossed`), and ours joins theirs.
   */
  private async reachability(
    state: CallState,
  ): Promise<{ online: string[]; unreachable: 'busy' | 'unavailable' | null } | 'crossed'> {
    const invited = state.invitedUserIds;
    const theirs =
      state.kind === 'direct' && invited.length > 0 ? await this.store.liveCallOfUser(invited[0]) : null;
    if (theirs) {
      return theirs.conversationId === state.conversationId ? 'crossed' : { online: [], unreachable: 'busy' };
    }
    const online = await this.ringing.onlineAmong(invited);
    const offline = invited.filter((id) => !online.includes(id));
    if (online.length === 0 && !(await this.ringing.anyPushable(offline))) {
      return { online, unreachable: 'unavailable' };
    }
    return { online, unreachable: null };
  }

  /** `incoming_call` to the online, a push job for the offline, and the call's timers. */
  private async ring(state: CallState, online: readonly string[]): Promise<void> {
    const offline = state.ringingUserIds.filter((id) => !online.includes(id));
    await Promise.all([
      this.ringing.ring(state, await this.ringing.callerNameOf(state)),
      this.timers.started(state),
      offline.length > 0
        ? this.jobs.enqueue(
            JobName.PushIncomingCall,
            { callId: state.callId, userIds: offline },
            { jobId: `push-${state.callId}` },
          )
        : Promise.resolve(),
    ]);
  }

  /** The call, to a member of its conversation; CALL_NOT_FOUND to anyone else, as to an unknown id. */
  private async requireCallOfMember(callId: string, userId: string): Promise<CallState> {
    const call = await this.store.get(callId);
    if (!call) {
      throw new CallsError(CallsErrorCode.NotFound);
    }
    try {
      await this.conversations.assertMember(call.conversationId, userId);
    } catch (error) {
      if (
        error instanceof AppError &&
        (error.code as ConversationsErrorCode) === ConversationsErrorCode.NotFound
      ) {
        throw new CallsError(CallsErrorCode.NotFound);
      }
      throw error;
    }
    return call;
  }

  /** A block between the user and the caller: refused as in messages (direct), unseen (group). */
  private async refuseBlocked(call: CallState, userId: string): Promise<void> {
    if (userId === call.initiatorId || !(await this.blocks.eitherBlocked(userId, call.initiatorId))) {
      return;
    }
    if (call.kind === 'direct') {
      throw new ConversationsError(ConversationsErrorCode.DirectBlocked);
    }
    throw new CallsError(CallsErrorCode.NotFound);
  }

  private joinAck(state: CallState, userId: string): CallJoinAck {
    return {
      call: toCallView(state, this.config.calls.ringTimeoutSeconds),
      ...this.iceServers.forUser(userId),
    };
  }
}
