import { visibleText } from '../shared/model/visible-text';

/**
 * A name from a map as the window shows it: isolated from the text around it (`<bdi>`), so a
 * right-to-left name does not reorder its neighbours, and with its control characters and bidi
 * overrides shown as `\uXXXX` escapes, so "evil\u202Egnp.exe" cannot pass for "evilexe.png".
 */
export function VisibleName({ text }: { text: string | undefined }) {
  return <bdi>{visibleText(text ?? '')}</bdi>;
}
