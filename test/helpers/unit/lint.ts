// Lints a snippet as if it were the file at `filePath` (so the folder's rules apply), for the lint tests.
import { ESLint } from 'eslint';

const eslint = new ESLint();

export async function lintMessages(text: string, filePath: string): Promise<{ ruleId: string; message: string }[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId ?? '', message: m.message }));
}

export { eslint };
