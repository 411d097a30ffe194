/** The newest mtime (ms) of `folder`, its subfolders and their files (bin/source-stamp.js). */
export function newestMtime(folder: string): number;
