/**
 * Opening a URL in the user's browser, when there is one to open: best effort, never an error.
 *
 * @module
 */
import { spawn } from "node:child_process";
import process from "node:process";

/** Whether a browser was asked to open `url`. */
export function openBrowser(url: string): boolean {
  const [command, args] = process.platform === "darwin"
    ? ["open", [url]]
    : process.platform === "win32"
    ? ["cmd", ["/c", "start", "", url]]
    : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
    ? ["xdg-open", [url]]
    : [undefined, []];
  if (command === undefined) return false;
  try {
    spawn(command, args as string[], { stdio: "ignore", detached: true }).on("error", () => {})
      .unref();
    return true;
  } catch {
    return false;
  }
}
