/**
 * The dashboard's action forms in a real browser: a choice with a long label (a deadline phase's
 * name, a sample's title) stays inside its form's box instead of running over the next form.
 */
import { chromium } from 'playwright-core';
import { layout } from '../../portal/pages';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from '../helpers/chromium';

const LONG =
  'Giai đoạn 2: Tổng kết, đánh giá kết quả thực hiện phong trào thi đua yêu nước của các đơn vị trực thuộc (hạn 31/03/2015 17:00)';

test('a select with a long choice fits its action form, like the text fields beside it', async () => {
  expect(haveChromium()).toBe(true);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const form = (id: string, control: string) =>
      `<form id="${id}"><h3>Gia hạn</h3><label for="${id}-c">Giai đoạn</label>${control}</form>`;
    await page.setContent(
      layout(
        'Bố cục',
        `<div class="actions">${form('a', `<select id="a-c"><option>${LONG}</option></select>`)}${form(
          'b',
          '<input type="text" id="b-c">',
        )}${form('c', '<textarea id="c-c"></textarea>')}</div>`,
      ),
    );
    for (const id of ['a', 'b', 'c']) {
      const box = await page.locator(`#${id}`).boundingBox();
      const control = await page.locator(`#${id}-c`).boundingBox();
      expect(control!.x + control!.width).toBeLessThanOrEqual(box!.x + box!.width);
    }
  } finally {
    await browser.close();
  }
});
