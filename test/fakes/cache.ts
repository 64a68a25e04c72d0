/**
 * CacheService's user cache (https://developers.google.com/apps-script/reference/cache/cache-service#getUserCache()):
 * one cache per user of the script, shared by that user's executions. `put` follows
 * https://developers.google.com/apps-script/reference/cache/cache#put(String,String,Integer): keys up to
 * 250 characters, values up to 100 KB, expiration 1 … 21600 s (the fake keeps values until the test ends:
 * tests do not run for hours). Every call is counted; every put is kept in order for tests to read.
 */
import type { GasCache, GasCacheService } from '../../src/sheets/gas';
import { CallCounter } from './calls';

export const CACHE_KEY_MAX = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_EXPIRATION_MAX_S = 21600;

export class FakeCache implements GasCache {
  readonly store = new Map<string, string>();
  readonly puts: { key: string; value: string }[] = [];
  constructor(private readonly calls: CallCounter) {}
  get(key: string): string | null {
    this.calls.hit('Cache.get');
    return this.store.get(key) ?? null;
  }
  put(key: string, value: string, expirationInSeconds: number): void {
    this.calls.hit('Cache.put');
    if (key.length > CACHE_KEY_MAX) throw new Error(`Exception: Argument too large: key`);
    if (Buffer.byteLength(value, 'utf8') > CACHE_VALUE_MAX_BYTES) throw new Error('Exception: Argument too large: value');
    if (!Number.isInteger(expirationInSeconds) || expirationInSeconds < 1 || expirationInSeconds > CACHE_EXPIRATION_MAX_S) {
      throw new Error(`Exception: Invalid argument: expirationInSeconds (${expirationInSeconds})`);
    }
    this.store.set(key, value);
    this.puts.push({ key, value });
  }
}

export class FakeCacheService implements GasCacheService {
  readonly calls = new CallCounter('CacheService');
  readonly users = new Map<string, FakeCache>();
  currentUser: () => string = () => 'owner@example.com';
  getUserCache(): GasCache {
    this.calls.hit('CacheService.getUserCache');
    return this.userCache(this.currentUser());
  }
  userCache(user: string): FakeCache {
    let c = this.users.get(user);
    if (!c) {
      c = new FakeCache(this.calls);
      this.users.set(user, c);
    }
    return c;
  }
}
