import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ServerEvent } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { IceCandidateInit } from '../realtime/server-events';
import { CallDeviceRef, CallParticipant } from './call-state';
import { CallStateStore } from './call-state.store';
import { requireParticipant } from './call-transitions';
import { CallRefAck } from './calls.dto';
import { CallsError, CallsErrorCode } from './calls.errors';
import { checkSdp, checkSignalSize } from './signal-validation';

/**
 * Relays WebRTC signaling between two devices of one live call, and nowhere else: the sender and the
 * addressee must both be its participants (anything else is CALL_NOT_FOUND, revealing nothing). Signals
 * change no state, so they only read it.
 */
@Injectable()
export class CallSignalingService {
  constructor(
    private readonly store: CallStateStore,
    private readonly publisher: RealtimePublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async relaySdp(
    device: CallDeviceRef,
    event: ServerEvent.CallOffer | ServerEvent.CallAnswer,
    input: { callId: string; to: string; sdp: string },
  ): Promise<CallRefAck> {
    checkSignalSize(input.sdp, this.config.calls.signalMaxBytes);
    checkSdp(input.sdp);
    const target = await this.addressee(device, input.callId, input.to);
    this.publisher.toSessions([target.sessionId], event, {
      callId: input.callId,
      from: { userId: device.userId, deviceId: device.deviceId },
      sdp: input.sdp,
    });
    return { callId: input.callId };
  }

  async relayCandidate(
    device: CallDeviceRef,
    input: { callId: string; to: string; candidate: IceCandidateInit },
  ): Promise<CallRefAck> {
    checkSignalSize(input.candidate.candidate, this.config.calls.signalMaxBytes);
    const target = await this.addressee(device, input.callId, input.to);
    this.publisher.toSessions([target.sessionId], ServerEvent.IceCandidate, {
      callId: input.callId,
      from: { userId: device.userId, deviceId: device.deviceId },
      candidate: input.candidate,
    });
    return { callId: input.callId };
  }

  private async addressee(device: CallDeviceRef, callId: string, to: string): Promise<CallParticipant> {
    const call = await this.store.get(callId);
    if (!call) {
      throw new CallsError(CallsErrorCode.NotFound);
    }
    requireParticipant(call, device);
    const target = call.participants.find((p) => p.deviceId === to && to !== device.deviceId);
    if (!target) {
      throw new CallsError(CallsErrorCode.NotFound);
    }
    return target;
  }
}
