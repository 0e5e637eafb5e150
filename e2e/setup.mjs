// The set-up the browser journeys of e2e/run.mjs share: signing in (the administrator, a new user's first sign-in
// with its forced password change), creating organisations and users through the API, and a round of 都江堰市 with
// one team and one village for the journeys that are not about planning. What a journey tests stays in the journey.
//
// Each helper that calls the API takes `api(method, url, data, expect)`: a call with a signed-in page's session
// (see adminSession) that fails the journey on any status outside `expect`.

// On a fresh database the server creates `admin` with this password; on E2E_DATABASE_URL pass the existing one.
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'E2e-Admin#2026';
export const externalDb = process.env.E2E_DATABASE_URL;
// On a shared database earlier runs leave users and organisations behind: make names unique there.
export const runTag = externalDb ? `${Date.now().toString(36).slice(-5)}` : '';
/** 都江堰市: the county every journey works in. */
export const AREA = '510181';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function assert(cond, message) {
  if (!cond) throw new Error(`断言失败：${message}`);
}

/** Today in China as YYYY-MM-DD (the server refuses work dated later). */
export const chinaDate = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A request with the page's session; fails the journey on anything but the expected status. */
export async function apiCall(page, method, url, data, expect = [200, 201]) {
  const res = await page.request.fetch(url, { method, data });
  if (!expect.includes(res.status())) throw new Error(`${method} ${url} → HTTP ${res.status()}：${await res.text()}`);
  return res.json();
}

// --- signing in ---------------------------------------------------------------------------

export async function login(page, base, username, password) {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function loginAdmin(page, base) {
  await login(page, base, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('current-user').waitFor();
}

/** A new user's first sign-in: the initial password, then the forced change. */
export async function firstLogin(page, base, username, initial, password) {
  await login(page, base, username, initial);
  await page.getByTestId('change-password-page').waitFor();
  await page.getByTestId('current-password').fill(initial);
  await page.getByTestId('new-password').fill(password);
  await page.getByTestId('confirm-password').fill(password);
  await page.getByTestId('change-password-submit').click();
  await page.getByTestId('current-user').waitFor();
}

/** A page of its own for a user made by createUser, signed in for the first time (the forced password change done). */
export async function newUserPage(newPage, base, user) {
  const page = await newPage();
  await firstLogin(page, base, user.username, user.initial, user.password);
  return page;
}

/** Ensures 都江堰市 is imported (journeys may run alone); the import is idempotent. */
export async function ensureDujiangyan(page, base) {
  const res = await page.request.post(`${base}/api/registry/divisions/import`, { data: { county: AREA } });
  assert(res.ok(), `导入都江堰市失败：HTTP ${res.status()}`);
}

/**
 * The system administrator signed in on a page of its own, and `api` for set-up calls with that session.
 * `divisions`: also import 都江堰市 through the API (every journey but the one that imports it through the page).
 */
export async function adminSession(newPage, base, { divisions = true } = {}) {
  const page = await newPage();
  await loginAdmin(page, base);
  if (divisions) await ensureDujiangyan(page, base);
  const api = (method, url, data, expect) => apiCall(page, method, `${base}${url}`, data, expect);
  return { page, api };
}

/** A page the size of a phone (360×740). */
export async function newPhone(newPage) {
  const phone = await newPage();
  await phone.setViewportSize({ width: 360, height: 740 });
  return phone;
}

// --- organisations and users --------------------------------------------------------------

/** An organisation created through the API (201). */
export const createOrg = (api, { kind, name, scopeCode = AREA }) => api('POST', '/api/access/organisations', { kind, name, scopeCode }, [201]);

/**
 * A user created through the API (201) with one role; returns what a first sign-in needs: the username, the initial
 * password the server returned once, and `password`, the one that sign-in sets.
 */
export async function createUser(api, { username, displayName, orgId, role, password }) {
  const created = await api('POST', '/api/access/users', { username, displayName, orgId, roles: [role] }, [201]);
  assert(created.initialPassword, `新建用户 ${username} 应返回初始密码`);
  return { id: created.id, username, displayName, initial: created.initialPassword, password };
}

// --- rounds -------------------------------------------------------------------------------

/** The last `count` working days before today (weekdays that are not holidays, as the server's calendar says), oldest first. */
export async function recentWorkingDays(api, count = 3) {
  const days = await api('GET', `/api/planning/calendar/working-days?from=${chinaDate(-30)}&to=${chinaDate(-1)}`);
  assert(days.dates.length >= count, `近 30 天应至少有 ${count} 个工作日：${days.dates.join('、')}`);
  return days.dates.slice(-count);
}

/** A round's number: the journey's own on a fresh database; on a shared one, one that earlier runs are unlikely to have used. */
export const roundNumber = (number) => (externalDb ? 100 + Math.floor(Math.random() * 899) : number);

/** A round of this year from `firstDay` (not before 1 January) to 30 days ahead (not after 31 December). */
export function roundPeriod(firstDay) {
  const year = Number(chinaDate().slice(0, 4));
  const ahead = chinaDate(30);
  return {
    year,
    startDate: firstDay < `${year}-01-01` ? `${year}-01-01` : firstDay,
    endDate: ahead > `${year}-12-31` ? `${year}-12-31` : ahead,
  };
}

/**
 * A round of 都江堰市 set up through the API, for the journeys that are not about planning: it starts on the first of
 * the last three working days; one village is inspected directly by one team, linked to the organisation `team.org`,
 * its leader (`team.leader`, added to the people list) authorised by `team.documentNumber` on the round's first day;
 * the personalised checklists are generated and the round moved through `phases` (e.g. ['entry', 'fact_finding']).
 * Returns the round, the team, the village's inspection and the working days.
 */
export async function setupRound(api, { number, theme, village, team, phases }) {
  const days = await recentWorkingDays(api);
  const round = await api('POST', '/api/planning/rounds', { countyCode: AREA, number: roundNumber(number), theme, ...roundPeriod(days[0]) });
  const leader = await api('POST', '/api/planning/people', { countyCode: AREA, ...team.leader });
  const created = await api('POST', `/api/planning/rounds/${round.id}/teams`, {
    name: team.name,
    orgId: team.org.id,
    leaderAuthorisation: { documentNumber: team.documentNumber, date: round.startDate },
  });
  await api('POST', `/api/planning/rounds/${round.id}/teams/${created.id}/members`, { personId: leader.id, role: 'leader' });
  await api('POST', `/api/planning/rounds/${round.id}/targets`, { kind: 'village', code: village.code, mode: 'direct', teamId: created.id });
  await api('POST', `/api/checklists/rounds/${round.id}/generate`);
  for (const to of phases) await api('POST', `/api/planning/rounds/${round.id}/phase`, { to });
  const inspection = (await api('GET', `/api/inspections?roundId=${round.id}`)).items.find((i) => i.villageCode === village.code);
  assert(inspection, `应有${village.name}的村级巡察`);
  return { round, team: created, inspection, days };
}
