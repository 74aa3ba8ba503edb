import { getContrastRatio } from '@material-ui/core/styles';

/**
 * Black or white, whichever reads better on `background`. MUI's `getContrastText` picks
 * white from a ratio of 3 up, which fails WCAG AA (4.5) on the dark theme's status colours
 * (white on #f84c55 is 3.4); this takes the higher ratio.
 */
export function readableOn(background: string): string {
  return getContrastRatio(background, '#000') >=
    getContrastRatio(background, '#fff')
    ? '#000'
    : '#fff';
}
