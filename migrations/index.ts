// Every migration, in order. Generated ones are added here by hand; landed migrations are never edited.
import { InitialJobs1763769600000 } from './1763769600000-InitialJobs';

export const migrations = [InitialJobs1763769600000];
