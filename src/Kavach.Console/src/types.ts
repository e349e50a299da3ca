// The shapes the console reads, as the APIs answer them (see docs/console.md for the endpoints).

export interface ConsoleConfig {
  oidc: { authority: string; clientId: string; scope: string } | null;
  deviceServer: { url: string } | null;
}

export interface Session {
  subject: string;
  authMethod: string;
  roles: string[];
  applications: string[];
  allowedRules: string[];
}

export interface AppGroup {
  applicationId: string;
  referenceCount: number;
  keyCount: number;
  active: number;
  expired: number;
  revoked: number;
  nextExpiry: string | null;
  masterAlias: string | null;
}

export interface RefGroup {
  applicationId: string;
  referenceId: string;
  keyCount: number;
  active: number;
  expired: number;
  revoked: number;
  nextExpiry: string | null;
  masterAlias: string | null;
}

export interface KeyRow {
  alias: string;
  applicationId: string;
  referenceId: string;
  kind: string;
  state: string;
  generatedAt: string | null;
  expiresAt: string | null;
  thumbprint: string | null;
  issuerAlias: string | null;
  certificateSubject: string | null;
  certificateSerial: string | null;
  inHsm: boolean;
}

export interface KeyPage {
  keys: KeyRow[];
  next: string | null;
}

export interface Usage {
  applicationId: string | null;
  referenceId: string | null;
  keyRef: string | null;
  actor: string | null;
  operation: string;
  count: number;
  failures: number;
  lastUse: string;
}

export interface UsageReport {
  from: string;
  to: string;
  usage: Usage[];
}

export interface AccessReport {
  applications: {
    applicationId: string;
    roles: string[];
    clients: string[];
    operations: { rule: string; roles: string[] }[];
  }[];
}

export interface AuditRecordRow {
  seq: number;
  time: string;
  requestId: string | null;
  actor: string | null;
  authMethod: string | null;
  client: string | null;
  operation: string;
  applicationId: string | null;
  referenceId: string | null;
  keyRef: string | null;
  outcome: string;
  httpStatus: number | null;
  detail: string | null;
  hash: string;
}

export interface AuditPage {
  records: AuditRecordRow[];
  next: string | number | null;
}

export interface AuditVerification {
  ok: boolean;
  recordsChecked: number;
  checkpointsChecked: number;
  lastSeq: number;
  firstBadSeq: number | null;
  problem: string | null;
}

export interface TrustCertificate {
  certId: string;
  kind: string;
  domain: string;
  partnerId: string | null;
  organization: string | null;
  subject: string;
  issuer: string;
  issuerCertId: string | null;
  serial: string;
  notBefore: string;
  notAfter: string;
  thumbprint: string;
  revoked: boolean;
}

export interface Crl {
  issuer: string;
  issuerCertId: string | null;
  thisUpdate: string;
  nextUpdate: string | null;
  revokedCount: number;
}

export interface Partner {
  partnerId: string;
  organizationName: string;
  partnerDomain: string;
  applicationId: string;
  status: string;
  tlsCertificateSerials: string[];
  tlsNotAfter: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

export interface DeviceSession {
  subject: string;
  roles: string[];
  canAdminister: boolean;
  canApprove: boolean;
}

export interface DeviceSummary {
  total: number;
  byState: Record<string, number>;
  groups: { providerId: string; make: string; model: string; state: string; count: number }[];
}

export interface Device {
  serial: string;
  providerId: string;
  make: string;
  model: string;
  state: string;
  lastCheckIn: string | null;
  firmwareVersion: string | null;
  certificateExpiresAt: string | null;
  rotationDue: boolean;
  updatedAt: string;
}

export interface DevicePage {
  devices: Device[];
  next: string | null;
}

export interface WhitelistBatch {
  batchId: string;
  providerId: string;
  state: string;
  entryCount: number;
  approvalId: string | null;
  importedBy: string;
  importedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface Approval {
  id: string;
  kind: string;
  subject: string;
  requestedBy: string;
  requestedAt: string;
  state: string;
  decidedBy: string | null;
  decidedAt: string | null;
  outcome: string | null;
}

export interface Command {
  id: string;
  kind: string;
  state: string;
  createdAt: string;
  expiresAt: string;
  deliveredAt: string | null;
  completedAt: string | null;
  attempts: number;
  createdBy: string;
  /** Only a few non-secret values of the device's answer. */
  result?: { bytes: number; fields: string[]; values: Record<string, string> } | null;
}

export interface Provider {
  providerId: string;
  organizationName: string;
  kind: string;
  isActive: boolean;
}

export interface DeviceModel {
  id: string;
  deviceProviderId: string;
  make: string;
  model: string;
  deviceTypeCode: string;
  deviceSubTypeCode: string;
  isActive: boolean;
}

export interface RolloutProgress {
  rollout: {
    rolloutId: string;
    releaseCounter: number;
    hardwareId: string;
    groupPercents: number[];
    state: string;
    currentGroup: number;
    createdBy: string;
    createdAt: string;
    approvedBy: string | null;
  };
  groups: { groupIndex: number; total: number; offered: number; succeeded: number; failed: number }[];
}
