/** Tag colours of a report's status, shared by the inbox, the finding's and lead's source reports and the pre-inspection file. */
export const STATUS_COLORS: Record<string, string> = { received: 'gold', accepted: 'blue', linked: 'blue', merged: 'default', forwarded: 'purple', closed: 'green' };
