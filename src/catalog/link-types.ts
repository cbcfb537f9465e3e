import { registerEnumType } from '@nestjs/graphql';

export enum LinkConfidence {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

export enum LinkMethod {
  MANUAL = 'MANUAL',
  ISRC = 'ISRC',
  SEARCH = 'SEARCH',
}

/** What verification found the last time it re-fetched a linked track. */
export enum LinkVerification {
  OK = 'OK',
  VANISHED = 'VANISHED',
  MISMATCH = 'MISMATCH',
}

export enum LinkEventAction {
  LINKED = 'LINKED',
  UNLINKED = 'UNLINKED',
}

registerEnumType(LinkConfidence, { name: 'LinkConfidence' });
registerEnumType(LinkMethod, { name: 'LinkMethod' });
registerEnumType(LinkVerification, { name: 'LinkVerification' });
registerEnumType(LinkEventAction, { name: 'LinkEventAction' });
