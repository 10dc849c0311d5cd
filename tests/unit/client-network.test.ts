import { describe, expect, it } from 'vitest';
import { clientNetwork } from '../../src/store/rate-limit';

describe('the network a client is counted by for the rate limit', () => {
  it('is the whole address for IPv4, however it is written', () => {
    expect(clientNetwork('192.0.2.10')).toBe('192.0.2.10');
    expect(clientNetwork('::ffff:192.0.2.10')).toBe('192.0.2.10');
    expect(clientNetwork('::FFFF:192.0.2.10')).toBe('192.0.2.10');
  });

  it('is the first 64 bits for IPv6, since one household can use any address in its /64', () => {
    expect(clientNetwork('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002:ffff:0:0:b')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:3::a')).toBe('2001:db8:1:3::/64');
  });

  it('expands a shortened IPv6 address before taking its first 64 bits', () => {
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('64:ff9b:1:2:3:4:192.0.2.1')).toBe('64:ff9b:1:2::/64');
  });
});
