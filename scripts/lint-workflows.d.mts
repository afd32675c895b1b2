// Types of lint-workflows.mjs, for the test that imports it.
export function defaultFiles(): string[];
export function validateWithSchema(file: string, text: string): string[];
export function actionlint(file: string, text: string): Promise<string[]>;
export function lintFile(file: string, text: string): Promise<string[]>;
