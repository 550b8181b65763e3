#include "clineeditor.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

typedef char **(*completion_fn)(const char *text, int start, int end);
typedef char *(*generator_fn)(const char *text, int state);

static struct {
    char *(*readline)(const char *);
    int (*add_history)(const char *);
    int (*read_history)(const char *);
    int (*write_history)(const char *);
    int (*history_truncate_file)(const char *, int);
    void (*stifle_history)(int);
    char **(*rl_completion_matches)(const char *, generator_fn);
    completion_fn *rl_attempted_completion_function;
    char **rl_line_buffer;
    const char **rl_readline_name;
    const char **rl_basic_word_break_characters;
} le;

static char **commands;
static int command_count;
static char **option_commands, **options;
static int option_count;
/* Per command, what its non-option words complete to. */
#define MAX_VALUE_LISTS 64
static struct value_list {
    char *command;
    char **values;
    int count;
} value_lists[MAX_VALUE_LISTS];
static int value_list_count;

int cle_load(void) {
    if (le.readline) return 0;
    void *handle = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!handle) return -1;
#define LOAD(field, symbol) *(void **)(&le.field) = dlsym(handle, symbol)
    LOAD(add_history, "add_history");
    LOAD(read_history, "read_history");
    LOAD(write_history, "write_history");
    LOAD(history_truncate_file, "history_truncate_file");
    LOAD(stifle_history, "stifle_history");
    LOAD(rl_completion_matches, "rl_completion_matches");
    LOAD(rl_attempted_completion_function, "rl_attempted_completion_function");
    LOAD(rl_line_buffer, "rl_line_buffer");
    LOAD(rl_readline_name, "rl_readline_name");
    LOAD(rl_basic_word_break_characters, "rl_basic_word_break_characters");
    LOAD(readline, "readline");
#undef LOAD
    if (!le.readline || !le.add_history || !le.rl_completion_matches || !le.rl_attempted_completion_function ||
        !le.rl_line_buffer) {
        le.readline = NULL;
        dlclose(handle);
        return -1;
    }
    return 0;
}

static char **copy_all(const char *const *words, int count) {
    char **copy = calloc((size_t)count + 1, sizeof *copy);
    for (int i = 0; copy && i < count; i++) copy[i] = strdup(words[i]);
    return copy;
}

void cle_set_vocabulary(const char *const *command_names, int n_commands,
                        const char *const *option_owner, const char *const *option_names, int n_options) {
    commands = copy_all(command_names, n_commands);
    command_count = commands ? n_commands : 0;
    option_commands = copy_all(option_owner, n_options);
    options = copy_all(option_names, n_options);
    option_count = option_commands && options ? n_options : 0;
}

static struct value_list *values_of(const char *command) {
    for (int i = 0; i < value_list_count; i++)
        if (strcmp(value_lists[i].command, command) == 0) return &value_lists[i];
    return NULL;
}

void cle_set_values(const char *command, const char *const *values, int count) {
    struct value_list *list = values_of(command);
    if (!list) {
        if (value_list_count == MAX_VALUE_LISTS) return;
        list = &value_lists[value_list_count++];
        list->command = strdup(command);
    }
    for (int i = 0; list->values && i < list->count; i++) free(list->values[i]);
    free(list->values);
    list->values = copy_all(values, count);
    list->count = list->values ? count : 0;
}

/* What is being completed: a command name, an option of `current_command`, or one of its values. */
static char current_command[128];
static enum { COMMAND, OPTION, VALUE } completing;
static const struct value_list *current_values;

static char *generate(const char *text, int state) {
    static int index;
    size_t length = strlen(text);
    if (state == 0) index = 0;
    if (completing == COMMAND) {
        while (index < command_count) {
            const char *name = commands[index++];
            if (strncmp(name, text, length) == 0) return strdup(name);
        }
    } else if (completing == OPTION) {
        while (index < option_count) {
            int i = index++;
            if (strcmp(option_commands[i], current_command) == 0 && strncmp(options[i], text, length) == 0)
                return strdup(options[i]);
        }
    } else {
        while (current_values && index < current_values->count) {
            const char *value = current_values->values[index++];
            if (strncmp(value, text, length) == 0) return strdup(value);
        }
    }
    return NULL;
}

/* The word before the cursor decides: the first word of a command (after the line's start or a ';') is
 * a command name; a later word that starts with '-' is one of that command's options; any other later
 * word is one of the command's values (its domains), or for a command without values an option. */
static char **complete(const char *text, int start, int end) {
    (void)end;
    const char *line = *le.rl_line_buffer ? *le.rl_line_buffer : "";
    int segment = 0;
    for (int i = 0; i < start && line[i]; i++)
        if (line[i] == ';') segment = i + 1;
    while (line[segment] == ' ' || line[segment] == '\t') segment++;
    if (segment >= start) {
        completing = COMMAND;
    } else {
        size_t n = strcspn(line + segment, " \t;");
        if (n >= sizeof current_command) return NULL;
        memcpy(current_command, line + segment, n);
        current_command[n] = 0;
        if (text[0] == '-') {
            completing = OPTION;
        } else if ((current_values = values_of(current_command))) {
            completing = VALUE;
        } else if (text[0] == 0) {
            completing = OPTION;
        } else {
            return NULL;
        }
    }
    return le.rl_completion_matches(text, generate);
}

char *cle_readline(const char *prompt) {
    if (!le.readline) return NULL;
    if (le.rl_readline_name) *le.rl_readline_name = "virsh";
    *le.rl_attempted_completion_function = complete;
    return le.readline(prompt);
}

void cle_add_history(const char *line) {
    if (le.add_history) le.add_history(line);
}

void cle_read_history(const char *path, int limit) {
    if (le.stifle_history) le.stifle_history(limit);
    if (le.read_history) le.read_history(path);
}

void cle_write_history(const char *path, int limit) {
    if (le.write_history && le.write_history(path) == 0 && le.history_truncate_file)
        le.history_truncate_file(path, limit);
}
