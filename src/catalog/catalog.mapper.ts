import { WorkLinkCandidateEntity } from './entities/work-link-candidate.entity';
import { WorkLinkEventEntity } from './entities/work-link-event.entity';
import { WorkLinkEntity } from './entities/work-link.entity';
import { WorkEntity } from './entities/work.entity';
import { LinkCandidateModel, LinkEventModel, SpotifyLinkModel, WorkModel } from './models/work.model';
import { spotifyTrackUrl } from './spotify-track-reference';

export const toWorkModel = (w: WorkEntity): WorkModel => ({
  id: w.id,
  title: w.title,
  artistName: w.artistName,
  isrc: w.isrc,
  durationMs: w.durationMs,
  externalId: w.externalId,
  createdAt: w.createdAt,
});

export const toSpotifyLinkModel = (l: WorkLinkEntity): SpotifyLinkModel => ({
  trackId: l.spotifyTrackId,
  url: spotifyTrackUrl(l.spotifyTrackId),
  confidence: l.confidence,
  method: l.method,
  score: l.score,
  albumName: l.albumName,
  linkedAt: l.linkedAt,
  verifiedAt: l.verifiedAt,
  verification: l.verification,
  verificationNote: l.verificationNote,
});

export const toLinkEventModel = (e: WorkLinkEventEntity): LinkEventModel => ({
  action: e.action,
  trackId: e.spotifyTrackId,
  confidence: e.confidence,
  method: e.method,
  score: e.score,
  actor: e.actor,
  at: e.at,
});

export const toLinkCandidateModel = (c: WorkLinkCandidateEntity): LinkCandidateModel => ({
  trackId: c.spotifyTrackId,
  name: c.name,
  artists: c.artists,
  durationMs: c.durationMs,
  isrc: c.isrc,
  albumName: c.albumName,
  score: c.score,
  evidence: c.evidence,
  outcome: c.outcome,
});
