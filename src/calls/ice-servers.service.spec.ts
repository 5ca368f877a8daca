import { AppConfig } from '../config/app-config';
import { IceServersService } from './ice-servers.service';
import { turnPassword } from './turn-credentials';

type IceSettings = Pick<AppConfig['calls'], 'stunUrls' | 'turn' | 'credentialTtlSeconds'>;
const serviceWith = (calls: IceSettings) => new IceServersService({ calls } as unknown as AppConfig);
const userId = '64b7f0c2a1b2c3d4e5f60718';

describe('IceServersService', () => {
  it('lists nothing when neither STUN nor TURN is configured', () => {
    expect(serviceWith({ stunUrls: [], turn: null, credentialTtlSeconds: 3600 }).forUser(userId)).toEqual({
      iceServers: [],
      ttlSeconds: 3600,
    });
  });

  it('lists STUN servers without a credential', () => {
    const service = serviceWith({
      stunUrls: ['stun:a.test', 'stun:b.test:3479'],
      turn: null,
      credentialTtlSeconds: 60,
    });
    expect(service.forUser(userId)).toEqual({
      iceServers: [{ urls: ['stun:a.test', 'stun:b.test:3479'] }],
      ttlSeconds: 60,
    });
  });

  it("lists TURN servers alone with the user's signed credential", () => {
    const service = serviceWith({
      stunUrls: [],
      turn: { urls: ['turn:t.test:3478'], sharedSecret: 'a-turn-secret-of-enough-length' },
      credentialTtlSeconds: 600,
    });
    const { iceServers } = service.forUser(userId);
    expect(iceServers).toEqual([
      {
        urls: ['turn:t.test:3478'],
        username: expect.stringMatching(new RegExp(`^\\d+:${userId}$`)),
        credential: expect.any(String),
      },
    ]);
    expect(iceServers[0].credential).toBe(
      turnPassword('a-turn-secret-of-enough-length', iceServers[0].username ?? ''),
    );
  });
});
