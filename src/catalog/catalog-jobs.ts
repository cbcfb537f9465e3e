export const AUTO_LINK_JOB = 'catalog.auto-link';
export const VERIFY_LINKS_JOB = 'catalog.verify-links';
export const AUTO_LINK_ACTOR = 'auto-linker';
