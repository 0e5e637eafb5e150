/** Password policy: long enough, and not only one kind of character. Returns Chinese problems. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('密码至少 8 位');
  if (password.length > 128) problems.push('密码不能超过 128 位');
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (kinds < 2) problems.push('密码须包含字母、数字、符号中至少两类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}

/** Delay (seconds) before the next attempt after `failures` consecutive failures, and the lock. */
export const LOGIN_POLICY = { freeAttempts: 3, lockAfter: 10, lockMinutes: 15, maxDelaySeconds: 60 };

export function loginDelaySeconds(failures: number): number {
  if (failures < LOGIN_POLICY.freeAttempts) return 0;
  return Math.min(LOGIN_POLICY.maxDelaySeconds, 2 ** (failures - LOGIN_POLICY.freeAttempts));
}
