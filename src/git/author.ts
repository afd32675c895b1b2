// Who our commits are by: a module of its own, so the relay's triggers can tell our commits without loading git code.

export interface Author {
  name: string;
  email: string;
}

export const BOT_AUTHOR: Author = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};
