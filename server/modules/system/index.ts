export { systemRoutes } from './system.routes';
export { buildDemo, DEMO_COUNTY, DEMO_PASSWORD } from './demo.service';
export { demoPublicLines, DEMO_KEY_PASSPHRASE } from './demo-public';
export { backupTo, restoreFrom, readBackupHeader, isEmpty, countRows } from './backup.service';
