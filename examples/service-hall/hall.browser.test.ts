/**
 * The service hall in a real browser: Debian's Chromium (headless, fresh profile directory)
 * driven by playwright-core over CDP against `startHall` on 127.0.0.1. Four flows of issue #16,
 * each a test, and a screenshot of every page into docs/service-hall/.
 *
 * Without /usr/bin/chromium the file runs one test that says so in one line (and fails under CI).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainlandChinaCalendar } from '@banshi/calendar';
import { annualReportFormats } from '@banshi/disclosure';
import { caseLevel } from '@banshi/http';
import type { CaseState } from '@banshi/approval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoUsers } from './src/demo.js';
import { startHall, type Hall } from './src/hall.js';

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots go into docs/service-hall/ with HALL_SCREENSHOTS=1 (so a test run leaves the work tree as it was), else into a temporary folder. */
const intoDocs = process.env.HALL_SCREENSHOTS === '1';
const docs = intoDocs ? fileURLToPath(new URL('../../docs/service-hall/', import.meta.url)) : mkdtempSync(join(tmpdir(), 'hall-shots-'));
const PASSWORD = 'hall-test-password';
const calendar = mainlandChinaCalendar();

if (!existsSync(CHROMIUM)) {
  describe('the service hall in a real browser', () => {
    it('needs Chromium', () => {
      const line = `BROWSER TESTS NOT RUN: ${CHROMIUM} is missing — install it with: apt-get install -y chromium fonts-noto-cjk`;
      if (process.env.CI) throw new Error(line);
      console.warn(`\n*** ${line} ***\n`);
    });
  });
} else {
  describe('the service hall in a real browser', () => {
    let hall: Hall;
    let chrome: ChildProcess;
    let browser: Browser;
    let profile: string;
    let dataDir: string;

    /** Starts Chromium on a fresh profile and connects over CDP (its DevTools address is printed on stderr). */
    async function launchChromium(): Promise<Browser> {
      const { chromium } = await import('playwright-core');
      profile = mkdtempSync(join(tmpdir(), 'hall-chromium-'));
      chrome = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
      const ws = await new Promise<string>((resolve, reject) => {
        let err = '';
        const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools address within 60 s: ${err.slice(-500)}`)), 60_000);
        chrome.stderr?.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
          if (m) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        });
        chrome.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err.slice(-500)}`)));
      });
      return chromium.connectOverCDP(ws);
    }

    beforeAll(async () => {
      mkdirSync(docs, { recursive: true });
      dataDir = mkdtempSync(join(tmpdir(), 'hall-'));
      hall = await startHall({ store: `sqlite:${join(dataDir, 'hall.db')}`, secret: 'hall-browser-test-secret-0123456789abcdef', users: demoUsers(PASSWORD), date: '2013-11-04', demoCases: 40 });
      browser = await launchChromium();
    }, 180_000);

    afterAll(async () => {
      await browser?.close().catch(() => undefined);
      if (chrome && chrome.exitCode === null) {
        const exited = new Promise((r) => chrome.once('exit', r));
        chrome.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      }
      await hall?.close();
      // A loaded machine's Chromium helpers may still be writing the profile after the browser exits: retry its
      // removal for ten seconds more; a temporary profile that still cannot be removed is reported, not a failed test.
      for (let attempt = 1; profile; attempt++) {
        try {
          rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
          break;
        } catch (err) {
          if (attempt === 10) {
            console.warn(`could not remove the temporary Chromium profile ${profile}: ${(err as Error).message}`);
            break;
          }
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      for (const d of [dataDir, intoDocs ? undefined : docs]) if (d) rmSync(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
    }, 120_000);

    /** A fresh browser context (its own cookies), logged in as `user` unless null; phone width for applicants. */
    async function as(user: string | null, phone = false): Promise<{ ctx: BrowserContext; page: Page }> {
      const ctx = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      page.setDefaultTimeout(30_000);
      if (user) {
        await page.goto(`${hall.url}/login`);
        await page.fill('#username', user);
        await page.fill('#password', PASSWORD);
        await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
      }
      return { ctx, page };
    }
    const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(docs, `${name}.png`), fullPage });
    const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();
    const submit = async (page: Page, form: string) => Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(`form[aria-label="${form}"] button[type=submit]`)]);

    /** A catalog item with at least two materials and a promised limit of a week or more. */
    async function pickItem(): Promise<{ code: string; materials: string[]; name: string }> {
      const catalog = (await (await fetch(`${hall.url}/t/tz/catalog?on=${hall.clock.today()}`)).json()) as { items: { code: string; inForce: { elements: { name: string; type: string; materials: string[]; promisedLimitDays: number } | null } | null }[] };
      const item = catalog.items.find((i) => i.inForce?.elements && i.inForce.elements.type === '行政许可' && i.inForce.elements.materials.length >= 2 && i.inForce.elements.promisedLimitDays >= 5);
      expect(item, 'the demo catalog has a licensing item with two materials').toBeDefined();
      const e = item?.inForce?.elements as { name: string; materials: string[] };
      return { code: item?.code as string, materials: e.materials, name: e.name };
    }

    /** The clerk receives a case at the window with the last material missing; returns its id, access code and the missing material. */
    async function receiveAtWindow(page: Page, applicant: string, item: { code: string; materials: string[] }, pictures = false) {
      await page.goto(`${hall.url}/window/receive/${item.code}`);
      await page.fill('#applicant', applicant);
      await page.selectOption('#kind', 'person');
      await page.uncheck(`#m${item.materials.length - 1}`);
      if (pictures) await shot(page, '04-window-receive', true);
      await Promise.all([page.waitForURL(/\/cases\//), page.click('form[action^="/window/receive"] button[type=submit]')]);
      return { caseId: await text(page, '[data-testid=case-id]'), code: await text(page, '[data-testid=access-code]'), missing: item.materials.at(-1) as string };
    }

    it('counter to certificate: 补正 notice, online supplement, acceptance with the calendar’s due date, extension, the board turns yellow, decision seen online', async () => {
      const item = await pickItem();
      const { page: home } = await as(null);
      await home.goto(hall.url);
      await shot(home, '01-home');
      await home.goto(`${hall.url}/login`);
      await shot(home, '00-login');

      const { page: clerk } = await as('w07');
      await clerk.goto(`${hall.url}/window?q=${encodeURIComponent(item.name)}`);
      await clerk.waitForSelector('table[aria-label="事项查找结果"] tbody tr');
      await shot(clerk, '02-window');
      await clerk.goto(`${hall.url}/guide/${item.code}`);
      await clerk.waitForSelector('dl');
      await shot(clerk, '03-guide', true);
      const { caseId, code, missing } = await receiveAtWindow(clerk, '张三', item, true);
      expect(caseId).toMatch(/^CK-20131104-/);
      expect(await text(clerk, '[data-testid=status]')).toBe('待补正');
      await shot(clerk, '05-case-awaiting-supplement', true);
      await clerk.click('a[href*="/notice"]');
      await clerk.waitForSelector('[data-testid=supplement-notice]');
      expect(await clerk.locator('[data-testid=missing] li').allTextContents()).toEqual([missing]);
      await shot(clerk, '06-supplement-notice', true);

      // The applicant follows the case online by number and 查询码, at phone width, and supplies the material.
      const { page: applicant } = await as('zhang', true);
      await applicant.goto(`${hall.url}/online`);
      await shot(applicant, '07-online-phone');
      await applicant.fill('#track-id', caseId);
      await applicant.fill('#track-code', code);
      await Promise.all([applicant.waitForURL(/\/cases\//), applicant.click('form[action="/cases/open"] button[type=submit]')]);
      await shot(applicant, '08-case-applicant-phone', true);
      await submit(applicant, '提交补正材料');
      expect(await text(applicant, '[data-testid=status]')).toBe('收件待受理');

      // The clerk accepts; the statutory due date shown is the calendar's: 20 working days (行政许可法 第四十二条).
      await clerk.goto(`${hall.url}/cases/${caseId}`);
      await submit(clerk, '受理');
      expect(await text(clerk, '[data-testid=status]')).toBe('审查中');
      expect(await text(clerk, '[data-due=statutory]')).toBe(calendar.addWorkingDays('2013-11-04', 20));
      // A clerk has no button for the head's extension.
      expect(await clerk.locator('form[aria-label^="批准延长期限"]').count()).toBe(0);
      await shot(clerk, '09-case-review', true);

      // The head extends (第四十二条第一款).
      const { page: head } = await as('h01');
      await head.goto(`${hall.url}/cases/${caseId}`);
      await submit(head, '批准延长期限（第四十二条）');
      await head.waitForSelector('text=已延期 1 次');

      // The supervisor's board is open; the business date moves to the first day the case is yellow.
      const { page: board } = await as('jc01');
      await board.goto(`${hall.url}/jc`);
      await board.waitForSelector('#live[data-state=open]');
      expect(await board.locator(`#board [data-case="${caseId}"]`).count()).toBe(0);
      const history = await hall.store.store.readStream(`case-${caseId}`);
      const approval = hall.banshi.engine.approval;
      let state = approval.initialState as CaseState;
      for (const e of history) state = approval.evolve(state, e as never) as CaseState;
      let day = hall.clock.today();
      for (let i = 0; i < 60 && caseLevel(hall.banshi.engine, state, day) !== 'yellow'; i++) day = calendar.nextWorkingDay(day);
      expect(caseLevel(hall.banshi.engine, state, day)).toBe('yellow');
      hall.clock.set(day);
      await hall.scheduler.runOnce(day);
      await board.waitForSelector(`#board tr[data-case="${caseId}"][data-level="yellow"]`, { timeout: 60_000 });
      await shot(board, '10-supervision-board');
      await board.click(`#board tr[data-case="${caseId}"] ~ tr, #board a[href="/jc/department/${encodeURIComponent(state.data.department)}"]`).catch(() => board.goto(`${hall.url}/jc/department/${encodeURIComponent(state.data.department)}`));
      await board.waitForSelector(`tr[data-case="${caseId}"]`);
      await shot(board, '11-supervision-department');

      // The head decides; the clerk issues and delivers the certificate; the applicant sees the decision and rates the service.
      await head.goto(`${hall.url}/cases/${caseId}`);
      await head.selectOption('select[name=outcome]', 'grant');
      await submit(head, '作出决定');
      await clerk.goto(`${hall.url}/cases/${caseId}`);
      await submit(clerk, '制作证件');
      await submit(clerk, '送达证件');
      expect(await text(clerk, '[data-testid=status]')).toBe('已送达');
      await applicant.goto(`${hall.url}/online`);
      await applicant.click(`[data-case="${caseId}"] a`).catch(() => applicant.goto(`${hall.url}/cases/${caseId}?code=${code}`));
      await applicant.waitForSelector('[data-testid=outcome]');
      expect(await text(applicant, '[data-testid=outcome]')).toContain('准予许可');
      await submit(applicant, '服务评价（好差评）');
      await applicant.waitForSelector('li[data-event="EvaluationSubmitted"]');
      // The approval machine drawn on the case page: current state and the path taken highlighted.
      expect(await applicant.locator('.diagram svg [data-state="closed"][data-current="true"]').count()).toBe(1);
      for (const st of ['new', 'intake', 'awaitingSupplement', 'review', 'decided', 'certificateIssued', 'delivered']) expect({ st, visited: await applicant.locator(`.diagram svg [data-state="${st}"][data-visited="true"]`).count() }).toEqual({ st, visited: 1 });
      expect(await applicant.locator('.diagram svg [data-state="refused"][data-visited="true"]').count()).toBe(0);
      expect(await applicant.locator('.diagram svg [data-from="review"][data-to="decided"][data-taken="true"]').count()).toBe(1);
      await shot(applicant, '12-case-decided-phone', true);
    }, 240_000);

    it('disclosure request: the receipt shows the 条例 in force and the due date; the reply is counted in section 三 of the annual report in the format of its year', async () => {
      const year = hall.clock.today().slice(0, 4);
      const { page: pub } = await as(null);
      await pub.goto(`${hall.url}/gk`);
      await pub.waitForSelector('table[aria-label="主动公开信息"] tbody tr');
      await shot(pub, '13-disclosure-catalog');
      await pub.goto(`${hall.url}/gk/report/${year}`);
      // 2013 reports in the 2008 format (条例（2008） 第三十二条): section 三's rows 同意公开 and 本年收到.
      const rows = annualReportFormats['2008'].requestRows;
      const count = async (label: string) => Number(await text(pub, `tr[data-label="${label}"] td:last-child`));
      const grantedBefore = await count(rows.granted);
      const receivedBefore = await count(rows.received);

      await pub.goto(`${hall.url}/gk/apply`);
      await pub.selectOption('#type', 'naturalPerson');
      await pub.fill('#name', '王小明');
      await pub.fill('#desc', '请公开本中心2013年窗口服务满意度测评结果');
      await shot(pub, '14-disclosure-apply');
      await Promise.all([pub.waitForURL(/\/gk\/requests\//), pub.click('form[action="/gk/apply"] button[type=submit]')]);
      await pub.waitForSelector('[data-testid=receipt]');
      const receivedOn = await text(pub, '[data-testid=received-on]');
      expect(receivedOn).toBe(hall.clock.today());
      // 2013: the 2008 text governs, 15 working days (政府信息公开条例（2008） 第二十四条).
      expect(await text(pub, '[data-testid=rule-set]')).toContain('2007年国务院令第492号');
      expect(await text(pub, '[data-testid=reply-due]')).toBe(calendar.addWorkingDays(receivedOn, 15));
      const requestId = await text(pub, '[data-testid=request-id]');
      const requestCode = await text(pub, '[data-testid=request-code]');
      await shot(pub, '15-disclosure-receipt', true);

      const { page: official } = await as('gk01');
      await official.goto(`${hall.url}/gk/requests`);
      await official.waitForSelector(`tr[data-request="${requestId}"]`);
      await shot(official, '16-disclosure-requests');
      await official.click(`tr[data-request="${requestId}"] a`);
      await official.selectOption('#outcome', 'granted');
      await submit(official, '答复申请');
      expect(await text(official, '[data-testid=request-status]')).toBe('已答复');
      expect(await official.locator('.diagram svg [data-state="concluded"][data-current="true"]').count()).toBe(1);
      expect(await official.locator('.diagram svg [data-from="received"][data-to="concluded"][data-taken="true"]').count()).toBe(1);
      await shot(official, '16b-disclosure-request-diagram', true);

      await pub.goto(`${hall.url}/gk/status`);
      await pub.fill('#rid', requestId);
      await pub.fill('#rcode', requestCode);
      await Promise.all([pub.waitForURL(/\/gk\/requests\//), pub.click('form[action="/gk/status"] button[type=submit]')]);
      expect(await text(pub, '[data-testid=request-outcome]')).toContain('予以公开');
      await pub.goto(`${hall.url}/gk/report/${year}`);
      expect(await count(rows.granted)).toBe(grantedBefore + 1);
      expect(await count(rows.received)).toBe(receivedBefore + 1);
      await shot(pub, '17-disclosure-annual-report', true);
    }, 180_000);

    it('intermediary: an agency submits, the center approves and publishes, and it appears in the public directory', async () => {
      const { page: agency } = await as('agency');
      await agency.goto(`${hall.url}/zj/submit`);
      await agency.fill('#basic', '乙级测绘资质，技术人员 12 名');
      await agency.fill('#scope', '工程测量\n地籍测绘');
      await agency.fill('#days', '7');
      await agency.fill('#fees', '工程测量：按浙价服〔2013〕规定\n地籍测绘：面议');
      await agency.fill('#person', '王工');
      await agency.fill('#phone', '0576-88000000');
      await agency.fill('#address', '台州市椒江区市府大道');
      await shot(agency, '18-intermediary-submit', true);
      await Promise.all([agency.waitForURL(/\/zj/), agency.click('form[action="/zj/submit"] button[type=submit]')]);
      await agency.waitForSelector('text=待审核');

      const { page: admin } = await as('zx01');
      await admin.goto(`${hall.url}/zj/review`);
      await admin.waitForSelector('tr[data-agency="ag-hall-01"]');
      await shot(admin, '19-intermediary-review');
      await Promise.all([admin.waitForNavigation(), admin.click('tr[data-agency="ag-hall-01"] form[aria-label^="审核通过"] button')]);
      await Promise.all([admin.waitForNavigation(), admin.click('tr[data-agency="ag-hall-01"] form[aria-label^="发布"] button')]);
      expect(await admin.locator('tr[data-agency="ag-hall-01"]').count()).toBe(0);
      await admin.goto(`${hall.url}/zj/agency/ag-hall-01`);
      expect(await text(admin, '[data-testid=agency-status]')).toBe('已发布');
      expect(await admin.locator('.diagram svg [data-state="published"][data-current="true"]').count()).toBe(1);
      expect(await admin.locator('.diagram svg [data-state="returned"][data-visited="true"]').count()).toBe(0);
      await shot(admin, '19b-intermediary-diagram', true);

      const { page: pub } = await as(null);
      await pub.goto(`${hall.url}/zj`);
      const row = pub.locator('tr[data-agency="ag-hall-01"]');
      await row.waitFor();
      expect(await row.textContent()).toContain('台州某测绘有限公司');
      expect(await row.textContent()).toContain('地籍测绘');
      await shot(pub, '20-intermediary-directory');
      await pub.goto(`${hall.url}/jy`);
      await pub.waitForSelector('[data-testid=trading-stats] tbody tr');
      await shot(pub, '21-public-resource-trading');
    }, 180_000);

    it('重点项目网上代办: an agent files with the applicant’s 授权委托书; the case records who, for whom and under which authorisation; agent and applicant see it, another applicant does not', async () => {
      const item = await pickItem();
      const { page: agent } = await as('daiban', true);
      await agent.goto(`${hall.url}/online/apply/${item.code}`);
      await agent.check('#as-agent');
      await agent.fill('#applicant-account', 'zhang');
      await agent.fill('#auth-ref', 'WT-2013-0042');
      await agent.fill('#applicant', '张三');
      await agent.selectOption('#kind', 'person');
      await shot(agent, '24-agent-apply-phone', true);
      await Promise.all([agent.waitForURL(/\/cases\//), agent.click('form[action^="/online/apply"] button[type=submit]')]);
      const caseId = await text(agent, '[data-testid=case-id]');
      expect(await text(agent, '[data-testid=applicant]')).toBe('张三');
      // Who: the session's 代办员, never a name typed into the form; under which 授权委托书, for what and until when.
      expect(await text(agent, '[data-testid=agent]')).toContain('郑代办');
      const auth = await text(agent, '[data-testid=authorization]');
      expect(auth).toContain('WT-2013-0042');
      expect(auth).toContain(item.name);
      expect(auth).toContain(`至 ${Number(hall.clock.today().slice(0, 4)) + 1}${hall.clock.today().slice(4)}`);
      expect(await agent.locator('li[data-event="CaseReceived"]').textContent()).toContain('授权委托书 WT-2013-0042');
      await shot(agent, '25-agent-case-phone', true);
      const [received] = await hall.store.store.readStream(`case-${caseId}`);
      expect(received?.data).toMatchObject({ applicant: { name: '张三', id: 'p-zhang' }, agent: { name: '郑代办', id: 'p-daiban', authorization: { ref: 'WT-2013-0042' } } });

      // The applicant finds it among its cases, marked as filed by the agent, and opens it.
      const { page: zhang } = await as('zhang', true);
      await zhang.goto(`${hall.url}/online`);
      const mine = zhang.locator(`[aria-label="我的办件"] li[data-case="${caseId}"]`);
      await mine.waitFor();
      expect(await mine.textContent()).toContain('代办员 郑代办 代为申办');
      await shot(zhang, '26-applicant-sees-agent-case-phone');
      expect((await zhang.goto(`${hall.url}/cases/${caseId}`))?.status()).toBe(200);
      // The agent's own list marks it as its 代办.
      await agent.goto(`${hall.url}/online`);
      expect(await agent.locator(`[aria-label="我的办件"] li[data-case="${caseId}"]`).textContent()).toContain('我代办：张三');
      // Another applicant does not see it.
      const { page: li } = await as('li', true);
      expect((await li.goto(`${hall.url}/cases/${caseId}`))?.status()).toBe(403);

      // Without a 授权委托书 the service refuses an agent's online filing and writes nothing.
      await agent.goto(`${hall.url}/online/apply/${item.code}`);
      await agent.check('#as-agent');
      await agent.fill('#applicant', '张三');
      await Promise.all([agent.waitForNavigation(), agent.click('form[action^="/online/apply"] button[type=submit]')]);
      expect(await agent.locator('[data-problem="HTTP_AGENT_AUTHORIZATION_REQUIRED"]').count()).toBe(1);
    }, 180_000);

    it('便民服务联网协作, 满意度测评, 政务公开: the network from the log, a survey batch issued and returned by the center, the publicity of the year — read by the public at phone width', async () => {
      const year = hall.clock.today().slice(0, 4);
      // 便民服务联网协作: the center and its four sub-centers, each with the cases the log says it received this year.
      const { page: pub } = await as(null, true);
      await pub.goto(`${hall.url}/lw`);
      const nodes = pub.locator('[data-testid=network-nodes] tbody tr');
      await nodes.first().waitFor();
      const ids = await nodes.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node')));
      expect(ids.slice(0, 5)).toEqual(['tz-center', 'tz-sub-port', 'tz-sub-hrss', 'tz-sub-exit-entry', 'tz-sub-vehicle']);
      expect(await pub.locator('tr[data-node="tz-sub-port"] th').textContent()).toBe('港航分中心');
      const received = new Map<string, number>();
      for await (const batch of hall.store.store.readAllBatches({ batchSize: 5000, types: ['CaseReceived'] })) for (const e of batch) if ((e.data as { on: string }).on.startsWith(year)) received.set((e.data as { node: string }).node, (received.get((e.data as { node: string }).node) ?? 0) + 1);
      for (const [node, n] of received) expect({ node, n: Number(await pub.locator(`tr[data-node="${node}"] [data-col=received]`).textContent()) }).toEqual({ node, n });
      expect(Number(await pub.locator('[data-total=received]').textContent())).toBe([...received.values()].reduce((a, b) => a + b, 0));
      expect(Number(await pub.locator('tr[data-level=city] td').textContent())).toBeGreaterThan(0);
      await shot(pub, '27-network-phone', true);

      // 满意度测评: the admin issues 20 forms and records 18 returns; everyone reads the rates.
      const { page: admin } = await as('zx01');
      await admin.goto(`${hall.url}/my`);
      await admin.fill('#subject', '窗口服务满意度测评表（测试批次）');
      await admin.fill('#forms', '20');
      await submit(admin, '发放测评表');
      const batch = admin.locator('tr[data-survey]', { hasText: '测试批次' });
      const surveyId = (await batch.getAttribute('data-survey')) as string;
      await admin.fill(`#r0-${surveyId}`, '15');
      await admin.fill(`#r1-${surveyId}`, '2');
      await admin.fill(`#r3-${surveyId}`, '1');
      await submit(admin, '登记回收：窗口服务满意度测评表（测试批次）');
      const row = admin.locator(`tr[data-survey="${surveyId}"]`);
      expect(await row.locator('[data-col=returned]').textContent()).toBe('18');
      expect(await row.locator('[data-col=return-rate]').textContent()).toBe('90.0%');
      expect(await row.locator('[data-col=satisfaction]').textContent()).toBe('94.4%');
      await shot(admin, '28-surveys-admin', true);
      await pub.goto(`${hall.url}/my`);
      expect(await pub.locator(`tr[data-survey="${surveyId}"] [data-col=satisfaction]`).textContent()).toBe('94.4%');
      expect(await pub.locator('form[aria-label="发放测评表"]').count()).toBe(0);
      await shot(pub, '29-surveys-phone', true);

      // 政务公开与审改宣传: the year's articles, briefings and print runs, as the log has them.
      await pub.goto(`${hall.url}/gs?year=${year}`);
      let articles = 0;
      let briefings = 0;
      for await (const batch of hall.store.store.readAllBatches({ batchSize: 5000, types: ['ReformPiecePublished'] })) {
        for (const e of batch) {
          const d = e.data as { kind: string; publishedOn: string };
          if (!d.publishedOn.startsWith(year)) continue;
          if (d.kind === 'briefing') briefings++;
          else articles++;
        }
      }
      expect(articles).toBeGreaterThan(0);
      expect(Number(await pub.locator('[data-figure=portal-articles]').textContent())).toBe(articles);
      expect(Number(await pub.locator('[data-figure=briefings]').textContent())).toBe(briefings);
      expect(await pub.locator('[data-testid=publications] tbody tr').count()).toBeGreaterThan(0);
      await shot(pub, '30-publicity-phone');
    }, 180_000);

    it('every page a Chinese user sees is in Chinese: no untranslated English words in visible text, labels or titles', async () => {
      const item = await pickItem();
      const { page: clerk } = await as('w07');
      const { caseId } = await receiveAtWindow(clerk, '钱七', item);
      await clerk.goto(`${hall.url}/cases/${caseId}`);
      await submit(clerk, '提交补正材料');
      await submit(clerk, '受理');
      await hall.scheduler.runOnce(hall.clock.today());
      const year = hall.clock.today().slice(0, 4);
      const anyRequest = (await hall.store.store.readAllBatches({ batchSize: 5000, types: ['DisclosureRequestReceived'] })[Symbol.asyncIterator]().next()).value?.[0]?.stream.replace(/^disclosure-/, '');
      const pages: [string | null, string][] = [
        [null, '/'],
        [null, '/login'],
        [null, '/window'],
        [null, `/guide/${item.code}`],
        [null, '/online'],
        [null, '/gk'],
        [null, '/gk/apply'],
        [null, '/gk/status'],
        [null, `/gk/report/${year}`],
        [null, '/zj'],
        [null, '/jy'],
        [null, '/lw'],
        [null, '/my'],
        [null, '/gs'],
        [null, '/jc'],
        ['w07', '/window'],
        ['w07', `/window/receive/${item.code}`],
        ['w07', `/cases/${caseId}`],
        ['w07', `/cases/${caseId}/notice`],
        ['w07', '/lw'],
        ['gk01', '/gk/requests'],
        ['gk01', `/gk/requests/${anyRequest}`],
        ['zx01', '/zj/review'],
        ['zx01', '/my'],
        ['zx01', '/zj/agency/ag-hall-01'],
        ['jc01', '/jc'],
        ['jc01', `/jc/department/${encodeURIComponent('市工商局')}`],
        ['daiban', `/online/apply/${item.code}`],
        ['li', `/cases/${caseId}`],
      ];
      const found: string[] = [];
      const contexts = new Map<string | null, Page>();
      for (const [user, path] of pages) {
        let page = contexts.get(user);
        if (!page) contexts.set(user, (page = (await as(user)).page));
        await page.goto(`${hall.url}${path}`);
        const shown = await page.evaluate(() => {
          const out: string[] = [document.title];
          const hidden = (el: Element) => el.closest('script, style, code, [lang="en"]') !== null;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.parentElement && !hidden(n.parentElement)) out.push(n.textContent ?? '');
          for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) if (!hidden(el)) for (const a of ['aria-label', 'title', 'placeholder', 'alt']) out.push(el.getAttribute(a) ?? '');
          return out.join('\n');
        });
        // Identifiers are not words: case and item numbers, dates, codes joined by - _ . : / (CK-20131104-AB12CD, XK-GH-03).
        const words = shown.replace(/[A-Za-z0-9]+(?:[-_.:/][A-Za-z0-9]+)+/g, ' ').match(/[A-Za-z]{3,}/g) ?? [];
        for (const w of new Set(words)) if (!['banshi'].includes(w)) found.push(`${user ?? '公众'} ${path}: ${w}`);
      }
      expect(found).toEqual([]);
    }, 240_000);

    it('permissions in the browser: another applicant cannot open a case, public pages show no personal data, a clerk cannot approve an extension', async () => {
      const item = await pickItem();
      const { page: clerk } = await as('w07');
      const { caseId } = await receiveAtWindow(clerk, '赵六一', item);
      await clerk.goto(`${hall.url}/cases/${caseId}`);
      await submit(clerk, '提交补正材料');
      await submit(clerk, '受理');

      const { page: li } = await as('li', true);
      const denied = await li.goto(`${hall.url}/cases/${caseId}`);
      expect(denied?.status()).toBe(403);
      expect(await li.locator('[data-problem="HTTP_FORBIDDEN"]').count()).toBe(1);
      expect(await li.content()).not.toContain('赵六一');
      await shot(li, '22-forbidden-other-applicant-phone');

      const { page: pub } = await as(null);
      for (const path of ['/', '/window', '/online', '/gk', `/gk/report/${hall.clock.today().slice(0, 4)}`, '/zj', '/jy']) {
        await pub.goto(`${hall.url}${path}`);
        const html = await pub.content();
        for (const name of ['赵六一', '张三', '王小明']) expect({ path, leaks: html.includes(name) }).toEqual({ path, leaks: false });
      }
      expect((await pub.goto(`${hall.url}/jc`))?.status()).toBe(403);

      // No extension button for the clerk, and a forged form is refused by the matrix with its legal basis.
      await clerk.goto(`${hall.url}/cases/${caseId}`);
      expect(await clerk.locator('form[aria-label^="批准延长期限"]').count()).toBe(0);
      await Promise.all([
        clerk.waitForNavigation(),
        clerk.evaluate((id) => {
          const token = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
          const f = document.createElement('form');
          f.method = 'post';
          f.action = `/cases/${id}/do`;
          for (const [k, v] of Object.entries({ _csrf: token, type: 'Extend', reasons: '伪造' })) {
            const i = document.createElement('input');
            i.name = k;
            i.value = v;
            f.append(i);
          }
          document.body.append(f);
          f.submit();
        }, caseId),
      ]);
      expect(await clerk.locator('[data-problem="HTTP_FORBIDDEN"]').count()).toBe(1);
      expect(await clerk.content()).toContain('第四十二条');
      await shot(clerk, '23-forbidden-clerk-extension');
      const history = await hall.store.store.readStream(`case-${caseId}`);
      expect(history.map((e) => e.type)).not.toContain('ExtensionGranted');
    }, 180_000);

    it('hearing (行政许可法 第四十六–四十八条): the clerk tells of the right, the applicant asks for it online, the clerk notifies and holds it; the clocks pause from the notice of the right to the hearing day, and the timeline shows each step', async () => {
      if (!calendar.isWorkingDay(hall.clock.today())) hall.clock.set(calendar.nextWorkingDay(hall.clock.today()));
      const item = await pickItem();
      const { page: clerk } = await as('w07');
      const { caseId, code } = await receiveAtWindow(clerk, '张三', item);
      await submit(clerk, '提交补正材料');
      await submit(clerk, '受理');
      const dueBefore = await text(clerk, '[data-due=statutory]');
      // No bare 听证 pause among the 第四十五条 special procedures: the hearing has its own steps.
      expect(await clerk.locator('form[aria-label="特别程序（第四十五条）"] option').allTextContents()).not.toContain('听证');
      expect(await text(clerk, '[data-testid=hearing-status]')).toContain('未告知听证权利');

      // The right is told the next working day: from then until the hearing day the clocks stand still (第四十五条).
      const notifiedOn = calendar.nextWorkingDay(hall.clock.today());
      hall.clock.set(notifiedOn);
      await clerk.goto(`${hall.url}/cases/${caseId}`);
      await clerk.fill(`#parties-${caseId}`, '张三、相邻住户李四');
      await clerk.fill(`#interest-${caseId}`, '新建厂房影响相邻住户通行');
      await submit(clerk, '告知听证权利');
      expect(await text(clerk, '[data-testid=status]')).toBe('已告知听证权利');
      expect(await text(clerk, '[data-testid=hearing-status]')).toContain(`申请期限至 ${calendar.addWorkingDays(notifiedOn, 5)}`);
      expect(await text(clerk, '[data-testid=due]')).toContain('暂停计时');
      expect(await clerk.locator('[data-testid=hearing-paused]').count()).toBe(1);
      // The clerk has no 申请听证 of the applicant's own to press for it online… but the applicant has.
      const { page: applicant } = await as('zhang', true);
      await applicant.goto(`${hall.url}/cases/${caseId}?code=${code}`);
      expect(await applicant.locator('form[aria-label="告知听证权利"], form[aria-label="组织听证"]').count()).toBe(0);
      await applicant.selectOption(`#party-${caseId}`, '张三');
      await submit(applicant, '申请听证');
      expect(await text(applicant, '[data-testid=status]')).toBe('听证');
      expect(await text(applicant, '[data-testid=hearing-status]')).toContain(`张三 于 ${notifiedOn} 申请听证，应于 ${calendar.addWorkingDays(notifiedOn, 20)} 前组织听证`);
      // Nothing left for the applicant to do while the organ prepares the hearing: no empty 办理 section.
      expect(await applicant.locator('h2', { hasText: /^办理$/ }).count()).toBe(0);
      await shot(applicant, '31-case-hearing-requested-phone', true);

      // The next working day the clerk sends the notice: the earliest day offered is 7 working days on (第四十八条).
      const noticeOn = calendar.nextWorkingDay(notifiedOn);
      hall.clock.set(noticeOn);
      await clerk.goto(`${hall.url}/cases/${caseId}`);
      const hearingOn = await clerk.inputValue(`#hday-${caseId}`);
      expect(hearingOn).toBe(calendar.addWorkingDays(noticeOn, 7));
      await clerk.fill(`#presider-${caseId}`, '法制科 李明');
      await submit(clerk, '组织听证');
      expect(await text(clerk, '[data-testid=hearing-status]')).toContain(`听证定于 ${hearingOn} 在 中心听证室 举行，主持人 法制科 李明`);
      expect(await clerk.locator('form[aria-label="听证结束"]').count()).toBe(0);
      await shot(clerk, '32-case-hearing-notified', true);

      // On the hearing day the clerk records the hearing; the clocks run again, the paused working days added.
      hall.clock.set(hearingOn);
      await clerk.goto(`${hall.url}/cases/${caseId}`);
      expect(await text(clerk, '[data-testid=due]')).toContain('暂停计时');
      await clerk.fill(`#record-${caseId}`, 'TZ-听证-2013-07');
      await submit(clerk, '听证结束');
      expect(await text(clerk, '[data-testid=status]')).toBe('审查中');
      expect(await text(clerk, '[data-testid=hearing-status]')).toContain(`已于 ${hearingOn} 举行听证，听证笔录 TZ-听证-2013-07`);
      expect(await clerk.locator('[data-testid=hearing-paused]').count()).toBe(0);
      expect(await text(clerk, '[data-due=statutory]')).toBe(calendar.addWorkingDays(dueBefore, calendar.workingDaysBetween(notifiedOn, hearingOn)));
      expect(await clerk.locator('ol.timeline li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-event')).filter((t) => t?.startsWith('Hearing')))).toEqual(['HearingRightNotified', 'HearingRequested', 'HearingScheduled', 'HearingHeld']);
      expect(await clerk.locator('ol.timeline li[data-event="HearingHeld"] strong').textContent()).toBe('举行听证');
      await shot(clerk, '33-case-hearing-held', true);
      const history = await hall.store.store.readStream(`case-${caseId}`);
      expect(history.filter((e) => e.type.startsWith('Hearing')).map((e) => [e.type, e.meta.actor.role, e.meta.channel])).toEqual([
        ['HearingRightNotified', 'clerk', 'window'],
        ['HearingRequested', 'applicant', 'online'],
        ['HearingScheduled', 'clerk', 'window'],
        ['HearingHeld', 'clerk', 'window'],
      ]);
    }, 240_000);

    it('政务公开 recorded from the hall: the admin registers a reform article, its adoption, a handbook and its print run; the figures count them; nobody else has the forms; the case timeline names the receiving node', async () => {
      const year = hall.clock.today().slice(0, 4);
      const { page: admin } = await as('zx01');
      await admin.goto(`${hall.url}/gs?year=${year}`);
      const figure = async (page: Page, name: string) => Number(await page.locator(`[data-figure=${name}]`).textContent());
      const before = { articles: await figure(admin, 'portal-articles'), adopted: await figure(admin, 'adopted'), handbooks: await figure(admin, 'handbook-copies') };
      await admin.selectOption('#gs-piece-kind', 'portalArticle');
      await admin.fill('#gs-piece-title', '审改信息：并联审批再提速（测试）');
      await submit(admin, '登记审改信息或简报');
      expect(await figure(admin, 'portal-articles')).toBe(before.articles + 1);
      expect(await admin.locator('#gs-adopt-piece option', { hasText: '并联审批再提速（测试）' }).count()).toBe(1);
      await admin.selectOption('#gs-adopt-piece', { label: '审改信息：并联审批再提速（测试）' });
      await admin.fill('#gs-adopt-outlet', '台州政务信息');
      await submit(admin, '登记录用刊登');
      expect(await figure(admin, 'adopted')).toBe(before.adopted + 1);
      // Adopted once: it is no longer offered for adoption.
      expect(await admin.locator('#gs-adopt-piece option', { hasText: '并联审批再提速（测试）' }).count()).toBe(0);
      await admin.selectOption('#gs-pub-kind', 'handbook');
      await admin.fill('#gs-pub-title', '行政审批窗口服务手册（测试）');
      await submit(admin, '登记服务手册或指南');
      await admin.selectOption('#gs-print-pub', { label: '行政审批窗口服务手册（测试）' });
      await admin.fill('#gs-print-copies', '1200');
      await submit(admin, '登记印发');
      expect(await figure(admin, 'handbook-copies')).toBe(before.handbooks + 1200);
      expect(await admin.locator('tr[data-publication]', { hasText: '行政审批窗口服务手册（测试）' }).locator('td[data-label=本年印发]').textContent()).toBe('1200');
      await shot(admin, '34-publicity-admin', true);
      // The log holds them with the admin as actor; the public and a clerk see the figures but no forms.
      const types: string[] = [];
      for await (const batch of hall.store.store.readAllBatches({ batchSize: 5000, types: ['ReformPiecePublished', 'ReformPieceAdopted', 'PublicationRegistered', 'CopiesPrinted'] })) for (const e of batch) if (e.meta.actor.id === 'zx-01') types.push(e.type);
      expect(types).toEqual(['ReformPiecePublished', 'ReformPieceAdopted', 'PublicationRegistered', 'CopiesPrinted']);
      for (const who of [null, 'w07']) {
        const { page } = await as(who, who === null);
        await page.goto(`${hall.url}/gs?year=${year}`);
        expect(await figure(page, 'portal-articles')).toBe(before.articles + 1);
        expect(await page.locator('form[method=post][action^="/gs/"]').count()).toBe(0);
      }

      // The receipt's line on the case timeline names the node that received it, not its id.
      const item = await pickItem();
      const { page: clerk } = await as('w07');
      await receiveAtWindow(clerk, '钱七', item);
      const received = await clerk.locator('ol.timeline li[data-event="CaseReceived"] div').textContent();
      const network = (await (await fetch(`${hall.url}/t/tz/network`)).json()) as { nodes: { nodeId: string; name: string }[] };
      const name = network.nodes.find((n) => n.nodeId === 'tz-center')?.name;
      expect(name).toMatch(/台州市.*行政服务中心/);
      expect(received).toContain(`收件地点：${name ?? ''}`);
      expect(received).not.toContain('@tz-center');
    }, 180_000);
  });
}
