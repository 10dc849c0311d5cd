import { describe, expect, it } from 'vitest';
import { emptyDrafts, parseStatus, uncommittedWork } from '../../scripts/cms/working-tree.mjs';

describe("what git status says is in the CMS's way", () => {
  it('reads changed, staged, deleted, renamed and new files', () => {
    const output = [' M README.md', 'M  package.json', ' D content/areas/doddington.yaml', 'R  content/new-name.md', 'content/old-name.md', '?? notes.txt', '?? data/', ''].join('\0');
    expect(parseStatus(output)).toEqual([
      { path: 'README.md', staged: ' ', unstaged: 'M' },
      { path: 'package.json', staged: 'M', unstaged: ' ' },
      { path: 'content/areas/doddington.yaml', staged: ' ', unstaged: 'D' },
      { path: 'content/new-name.md', staged: 'R', unstaged: ' ' },
      { path: 'notes.txt', staged: '?', unstaged: '?' },
      { path: 'data/', staged: '?', unstaged: '?' },
    ]);
  });

  it('keeps a path with spaces whole', () => {
    expect(parseStatus('?? public/uploads/village hall.jpg\0')).toEqual([{ path: 'public/uploads/village hall.jpg', staged: '?', unstaged: '?' }]);
  });

  it('finds nothing in a clean tree', () => {
    expect(parseStatus('')).toEqual([]);
    expect(uncommittedWork([], '/home/sam/hub')).toBeUndefined();
  });
});

describe('the message an editor gets when the tree has uncommitted work', () => {
  it('names each file and what to do', () => {
    const message = uncommittedWork(parseStatus(' M package-lock.json\0?? notes.txt\0 D content/areas/doddington.yaml\0'), '/home/sam/hub')!;
    expect(message).toContain('/home/sam/hub has work that is not committed: package-lock.json (changed), notes.txt (new, not committed), content/areas/doddington.yaml (deleted)');
    expect(message).toContain('git stash --include-untracked');
    expect(message).toContain('.gitignore');
  });

  it('names the first ten of many, and counts the rest', () => {
    const many = Array.from({ length: 14 }, (_, index) => ({ path: `file-${index + 1}.txt`, staged: '?', unstaged: '?' }));
    const message = uncommittedWork(many, 'hub')!;
    expect(message).toContain('file-10.txt (new, not committed), and 4 more.');
    expect(message).not.toContain('file-11.txt');
  });
});

describe('the draft branches a failed save leaves', () => {
  it('are the cms/ branches with no commit of their own', () => {
    expect(emptyDrafts([
      { branch: 'cms/stories/half-saved', ownCommits: 0 },
      { branch: 'cms/groups/manea-knit-and-natter', ownCommits: 2 },
      { branch: 'feature/new-page', ownCommits: 0 },
    ])).toEqual(['cms/stories/half-saved']);
  });
});
