/**
 * The one way the sidebar reaches the server: `call('sidebarState')` returns a promise of exactly what
 * that server function returns. Names and argument types come from SidebarServer (the contract that
 * entrypoints.ts is checked against), so calling a renamed or removed function fails the typecheck.
 */
import type { SidebarServer } from '../src/sheets/sidebar-contract';

// The client side of Apps Script: https://developers.google.com/apps-script/guides/html/reference/run
interface ScriptRunner {
  withSuccessHandler(handler: (result: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: { message?: string } | string) => void): ScriptRunner;
}
declare const google: { script: { run: ScriptRunner } };

export type ServerFunction = keyof SidebarServer;

export function call<K extends ServerFunction>(name: K, ...args: Parameters<SidebarServer[K]>): Promise<ReturnType<SidebarServer[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((result) => resolve(result as ReturnType<SidebarServer[K]>))
      .withFailureHandler((error) => reject(new Error(typeof error === 'string' ? error : (error?.message ?? String(error)))));
    const fn = (runner as unknown as Record<string, unknown>)[name];
    if (typeof fn !== 'function') {
      reject(new Error(`Unknown server function: ${name}`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}
