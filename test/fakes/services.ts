/**
 * In-memory PropertiesService, LockService, Session and HtmlService, each with its own call
 * counter, plus `createFakeServices` which wires them with a FakeSpreadsheetApp into the
 * AppServices bundle the add-on runs on.
 */
import type {
  AppServices,
  GasHtmlOutput,
  GasHtmlService,
  GasLock,
  GasLockService,
  GasProperties,
  GasPropertiesService,
  GasSession,
  GasUser,
} from '../../src/sheets/gas';
import { CallCounter } from './calls';
import { FakeCacheService } from './cache';
import { FakeScriptApp } from './script-app';
import { FakeEnv, FakeHtmlOutput, FakeSpreadsheetApp, type AuthModeName } from './spreadsheet';

/** Apps Script's documented quotas: 9 KB per value, 500 KB per store. */
export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export class FakeProperties implements GasProperties {
  readonly store = new Map<string, string>();
  constructor(
    private readonly calls: CallCounter,
    private readonly env: FakeEnv,
  ) {}

  private check(): void {
    let total = 0;
    for (const [k, v] of this.store) total += utf8Bytes(k) + utf8Bytes(v);
    if (total > PROPERTY_STORE_LIMIT_BYTES) throw new Error('Exception: You have exceeded the property storage quota.');
  }

  private put(key: string, value: string): void {
    if (typeof value !== 'string') throw new Error('Fake: property values are strings');
    if (utf8Bytes(value) > PROPERTY_VALUE_LIMIT_BYTES) throw new Error(`Exception: Argument too large: value (${key})`);
    this.store.set(key, value);
  }

  getProperties(): { [key: string]: string } {
    this.calls.hit('Properties.getProperties');
    this.env.require('Properties.getProperties');
    return Object.fromEntries(this.store);
  }
  getProperty(key: string): string | null {
    this.calls.hit('Properties.getProperty');
    this.env.require('Properties.getProperty');
    return this.store.get(key) ?? null;
  }
  setProperty(key: string, value: string): GasProperties {
    this.calls.hit('Properties.setProperty');
    this.env.require('Properties.setProperty');
    this.put(key, value);
    this.check();
    return this;
  }
  setProperties(properties: { [key: string]: string }): GasProperties {
    this.calls.hit('Properties.setProperties');
    this.env.require('Properties.setProperties');
    const before = new Map(this.store);
    try {
      for (const [k, v] of Object.entries(properties)) this.put(k, v);
      this.check();
    } catch (e) {
      this.store.clear();
      for (const [k, v] of before) this.store.set(k, v);
      throw e;
    }
    return this;
  }
  deleteProperty(key: string): GasProperties {
    this.calls.hit('Properties.deleteProperty');
    this.env.require('Properties.deleteProperty');
    this.store.delete(key);
    return this;
  }
}

export class FakePropertiesService implements GasPropertiesService {
  readonly calls = new CallCounter('PropertiesService');
  readonly document: FakeProperties;
  /** UserProperties: one store per user of the script (https://developers.google.com/apps-script/guides/properties). */
  readonly users = new Map<string, FakeProperties>();
  /** Who runs the current execution (shared with FakeScriptApp.user by createFakeServices). */
  currentUser: () => string = () => 'owner@example.com';
  /** Add-on time-driven runs have no document, so no document properties. */
  documentAvailable = true;
  constructor(private readonly env: FakeEnv) {
    this.document = new FakeProperties(this.calls, env);
  }
  /** Null when no document is available (getDocumentProperties' reference: "returns null" then). */
  getDocumentProperties(): GasProperties | null {
    this.calls.hit('PropertiesService.getDocumentProperties');
    this.env.require('PropertiesService.getDocumentProperties');
    return this.documentAvailable ? this.document : null;
  }
  getUserProperties(): GasProperties {
    this.calls.hit('PropertiesService.getUserProperties');
    this.env.require('PropertiesService.getUserProperties');
    return this.userStore(this.currentUser());
  }
  userStore(user: string): FakeProperties {
    let store = this.users.get(user);
    if (!store) {
      store = new FakeProperties(this.calls, this.env);
      this.users.set(user, store);
    }
    return store;
  }
}

/** The document lock shared by every execution on one spreadsheet. */
export class DocumentLockState {
  holder: object | null = null;
  /** Times a lock of ours was released while writes were not flushed (must stay 0). */
  releasedUnflushed = 0;
  /** Times a lock of ours was lost because the script was suspended by an alert (must stay 0). */
  droppedBySuspend = 0;
  /** Writes not yet flushed; wired to the fake SpreadsheetApp by createFakeServices. */
  pendingWrites: () => number = () => 0;
  /** The script was suspended (Ui.alert): Sheets does not keep the lock for it. */
  suspend(): void {
    if (this.holder instanceof FakeLock) {
      this.holder = null;
      this.droppedBySuspend++;
    }
  }
  /** Simulates another execution (a refresh started a moment ago) holding the lock. */
  holdByAnotherExecution(): void {
    this.holder = { anotherExecution: true };
  }
  releaseOther(): void {
    this.holder = null;
  }
}

export class FakeLock implements GasLock {
  readonly timeouts: number[] = [];
  constructor(
    private readonly calls: CallCounter,
    private readonly state: DocumentLockState,
  ) {}
  tryLock(timeoutInMillis: number): boolean {
    this.calls.hit('Lock.tryLock');
    this.timeouts.push(timeoutInMillis);
    if (this.state.holder === null || this.state.holder === this) {
      this.state.holder = this;
      return true;
    }
    return false;
  }
  /**
   * Lock.releaseLock's reference advises calling SpreadsheetApp.flush() before releasing the lock when
   * working on a spreadsheet, so that pending changes are committed before another execution takes
   * it (https://developers.google.com/apps-script/reference/lock/lock#releaseLock()). Counted here.
   */
  releaseLock(): void {
    this.calls.hit('Lock.releaseLock');
    if (this.state.holder === this) {
      if (this.state.pendingWrites() > 0) this.state.releasedUnflushed++;
      this.state.holder = null;
    }
  }
}

export class FakeLockService implements GasLockService {
  readonly calls = new CallCounter('LockService');
  readonly state = new DocumentLockState();
  readonly locks: FakeLock[] = [];
  constructor(private readonly env: FakeEnv) {}
  getDocumentLock(): GasLock | null {
    this.calls.hit('LockService.getDocumentLock');
    this.env.require('LockService.getDocumentLock');
    const lock = new FakeLock(this.calls, this.state);
    this.locks.push(lock);
    return lock;
  }
}

export class FakeSession implements GasSession {
  readonly calls = new CallCounter('Session');
  /** The effective user (shared with FakeScriptApp.user by createFakeServices). */
  currentUser: () => string = () => 'owner@example.com';
  constructor(public locale = 'en_US') {}
  /** https://developers.google.com/apps-script/reference/base/session#getEffectiveUser() */
  getEffectiveUser(): GasUser {
    this.calls.hit('Session.getEffectiveUser');
    const email = this.currentUser();
    return { getEmail: () => email };
  }
  getActiveUserLocale(): string {
    this.calls.hit('Session.getActiveUserLocale');
    return this.locale;
  }
}

export class FakeHtmlService implements GasHtmlService {
  readonly calls = new CallCounter('HtmlService');
  constructor(readonly files: readonly string[] = ['sidebar']) {}
  createHtmlOutputFromFile(filename: string): GasHtmlOutput {
    this.calls.hit('HtmlService.createHtmlOutputFromFile');
    if (!this.files.includes(filename)) throw new Error(`Exception: No HTML file named ${filename} was found.`);
    return new FakeHtmlOutput(filename);
  }
}

export interface FakeWorld {
  env: FakeEnv;
  app: FakeSpreadsheetApp;
  properties: FakePropertiesService;
  lock: FakeLockService;
  session: FakeSession;
  html: FakeHtmlService;
  script: FakeScriptApp;
  cache: FakeCacheService;
  services: AppServices;
  /** Round trips per service, and their sum. */
  callTotals(): { spreadsheet: number; properties: number; lock: number; session: number; total: number };
  resetCalls(): void;
}

export function createFakeServices(
  opts: { timeZone?: string; locale?: string; authMode?: AuthModeName; name?: string; context?: 'editor' | 'trigger' } = {},
): FakeWorld {
  const env = new FakeEnv();
  env.authMode = opts.authMode ?? 'FULL';
  env.context = opts.context ?? 'editor';
  const app = new FakeSpreadsheetApp(env, { timeZone: opts.timeZone ?? 'Europe/Moscow', name: opts.name });
  const properties = new FakePropertiesService(env);
  const lock = new FakeLockService(env);
  const session = new FakeSession(opts.locale ?? 'en_US');
  const html = new FakeHtmlService();
  const script = new FakeScriptApp();
  script.documentId = app.spreadsheet.id;
  const cache = new FakeCacheService();
  cache.currentUser = () => script.user;
  properties.currentUser = () => script.user;
  session.currentUser = () => script.user;
  lock.state.pendingWrites = () => app.unflushedWrites();
  app.ui.onSuspend.push(() => lock.state.suspend());
  const counters = [app.calls, properties.calls, lock.calls, session.calls, html.calls, script.calls, cache.calls];
  return {
    env,
    app,
    properties,
    lock,
    session,
    html,
    script,
    cache,
    services: {
      SpreadsheetApp: app,
      PropertiesService: properties,
      LockService: lock,
      Session: session,
      HtmlService: html,
      ScriptApp: script,
      CacheService: cache,
    },
    callTotals() {
      const spreadsheet = app.calls.total;
      const total = counters.reduce((s, c) => s + c.total, 0);
      return { spreadsheet, properties: properties.calls.total, lock: lock.calls.total, session: session.calls.total, total };
    },
    resetCalls() {
      for (const c of counters) c.reset();
    },
  };
}
