import { describe, expect, it } from 'vitest';
import { shortcutName } from './use-shortcuts';

describe('shortcut names', () => {
  it('names a letter in lower case, with Shift+ when Shift is held, whatever Caps Lock says', () => {
    expect(shortcutName({ key: 'j', shiftKey: false })).toBe('j');
    expect(shortcutName({ key: 'J', shiftKey: false })).toBe('j');
    expect(shortcutName({ key: 'C', shiftKey: true })).toBe('Shift+c');
    expect(shortcutName({ key: 'c', shiftKey: true })).toBe('Shift+c');
  });

  it('keeps other keys as the browser names them', () => {
    expect(shortcutName({ key: '?', shiftKey: true })).toBe('?');
    expect(shortcutName({ key: 'Escape', shiftKey: false })).toBe('Escape');
    expect(shortcutName({ key: 'Enter', shiftKey: true })).toBe('Enter');
  });
});
