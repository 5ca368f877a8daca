import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Ack, CallClientEvent, CHAT_NAMESPACE, ChatSocket, ServerEvent } from '../realtime/events';
import { parsePayload, respond } from '../realtime/socket-ack';
import { CallSignalLimiter } from './call-signal-limiter';
import { CallSignalingService } from './call-signaling.service';
import { CallDeviceRef } from './call-state';
import {
  CallInvitePayloadSchema,
  CallJoinAck,
  CallMediaPayloadSchema,
  CallRefAck,
  CallEndPayloadSchema,
  CallRefPayloadSchema,
  CallSdpPayloadSchema,
  IceCandidatePayloadSchema,
} from './calls.dto';
import { CallsService } from './calls.service';
import { deviceIdOf } from './device-id';

/** Call signaling on the `/chat` namespace (docs/calls.md): the device is the auth session of the socket. */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class CallsGateway {
  constructor(
    private readonly calls: CallsService,
    private readonly signaling: CallSignalingService,
    private readonly signalLimiter: CallSignalLimiter,
  ) {}

  @SubscribeMessage(CallClientEvent.Invite)
  invite(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<CallJoinAck>> {
    return respond(() => this.calls.invite(deviceOf(socket), parsePayload(CallInvitePayloadSchema, body)));
  }

  @SubscribeMessage(CallClientEvent.Accept)
  accept(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<CallJoinAck>> {
    return respond(() =>
      this.calls.accept(deviceOf(socket), parsePayload(CallRefPayloadSchema, body).callId),
    );
  }

  @SubscribeMessage(CallClientEvent.Reject)
  reject(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<CallRefAck>> {
    return respond(() =>
      this.calls.reject(deviceOf(socket), parsePayload(CallRefPayloadSchema, body).callId),
    );
  }

  @SubscribeMessage(CallClientEvent.End)
  end(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<CallRefAck>> {
    return respond(() => {
      const { callId, reason } = parsePayload(CallEndPayloadSchema, body);
      return this.calls.leave(deviceOf(socket), callId, reason ?? 'left');
    });
  }

  @SubscribeMessage(CallClientEvent.Offer)
  offer(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<CallRefAck>> {
    return this.signal(socket, (device) =>
      this.signaling.relaySdp(device, ServerEvent.CallOffer, parsePayload(CallSdpPayloadSchema, body)),
    );
  }

  @SubscribeMessage(CallClientEvent.Answer)
  answer(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<CallRefAck>> {
    return this.signal(socket, (device) =>
      this.signaling.relaySdp(device, ServerEvent.CallAnswer, parsePayload(CallSdpPayloadSchema, body)),
    );
  }

  @SubscribeMessage(CallClientEvent.IceCandidate)
  iceCandidate(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<CallRefAck>> {
    return this.signal(socket, (device) =>
      this.signaling.relayCandidate(device, parsePayload(IceCandidatePayloadSchema, body)),
    );
  }

  @SubscribeMessage(CallClientEvent.Media)
  media(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<CallRefAck>> {
    return this.signal(socket, (device) =>
      this.calls.setMedia(device, parsePayload(CallMediaPayloadSchema, body)),
    );
  }

  /** Signaling events count against the user's own signaling allowance, valid or not, before anything else. */
  private signal<T>(socket: ChatSocket, action: (device: CallDeviceRef) => Promise<T>): Promise<Ack<T>> {
    return respond(async () => {
      await this.signalLimiter.admit(socket.data.user.userId);
      return action(deviceOf(socket));
    });
  }
}

function deviceOf(socket: ChatSocket): CallDeviceRef {
  const { userId, sessionId } = socket.data.user;
  return { userId, sessionId, deviceId: deviceIdOf(sessionId) };
}
