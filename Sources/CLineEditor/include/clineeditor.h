#ifndef CLINEEDITOR_H
#define CLINEEDITOR_H

/* virsh's line editing: BSD libedit's readline interface, loaded with dlopen when the interactive shell
 * runs on a terminal, so virsh needs no line-editing library to build or to run. */

/* Loads libedit; 0 on success, -1 when it is not installed (the shell then reads plain lines). */
int cle_load(void);

/* The completion vocabulary: command names, and for each command its options ("--name"). Copied. */
void cle_set_vocabulary(const char *const *commands, int command_count,
                        const char *const *option_commands, const char *const *options, int option_count);

/* What `command`'s non-option words complete to (its domains' names or UUIDs). Copied; replaces that
 * command's previous list. A command without a list completes its options instead. */
void cle_set_values(const char *command, const char *const *values, int count);
/* Reads a line with editing, history and completion; the caller frees it. NULL at the end of input. */
char *cle_readline(const char *prompt);

void cle_add_history(const char *line);
/* History kept between sessions, at most `limit` lines. */
void cle_read_history(const char *path, int limit);
void cle_write_history(const char *path, int limit);

#endif
