/**
 * The add-on menu. It is static on purpose: onOpen may run in AuthMode.NONE, where reading the
 * document or its properties is not allowed, so the menu never depends on either.
 */
import type { GasUi } from './gas';
import type { UiStrings } from './i18n';

/** Global function names the menu items call (declared in entrypoints.ts). */
export const MENU_ACTIONS = {
  refresh: 'refreshReports',
  example: 'setUpExampleSheets',
  spend: 'addSpendSheet',
  sidebar: 'showSidebar',
} as const;

export function buildMenu(ui: GasUi, strings: UiStrings): void {
  ui.createAddonMenu()
    .addItem(strings.menuRefresh, MENU_ACTIONS.refresh)
    .addItem(strings.menuExample, MENU_ACTIONS.example)
    .addItem(strings.menuSpend, MENU_ACTIONS.spend)
    .addSeparator()
    .addItem(strings.menuSidebar, MENU_ACTIONS.sidebar)
    .addToUi();
}
