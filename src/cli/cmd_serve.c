/* cmd_serve.c - `raingan serve [DIR]`: the studio and the render service.
 *
 * Parses the options into a serve_config and runs the server (src/serve/)
 * until SIGINT or SIGTERM.  The access token comes from --token-file (its
 * first line) or $RAINGAN_TOKEN, never from the command line, where other
 * users of the machine could read it in the process list. */
#define _POSIX_C_SOURCE 200809L
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "serve/serve.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
    cli_help(f,
             N_("usage: raingan serve [OPTIONS] [DIR]\n\n"
                "Serve the studio (a web page to edit DIR's report sources beside their\n"
                "rendered forms) and the render service on http://127.0.0.1:PORT/:\n"
                "  POST /render[?indicator=N]  XML body, or multipart/form-data with the source\n"
                "                              (a part 'source' or a *.xml file) -> the PDF\n"
                "  POST /check                 the same -> JSON diagnostics and scores\n"
                "  POST /archive               multipart with several *.xml sources -> PDF/A-3b\n"
                "  GET  /health, GET /version  JSON\n"
                "Errors are JSON: {\"error\", \"status\", \"message\", \"file\", \"line\", ...}.\n\n"
                "options:\n"
                "  -p, --port N          port (default 8719; 0: any free port)\n"
                "      --listen ADDR     address to listen on (default 127.0.0.1); any other\n"
                "                        than loopback needs an access token\n"
                "      --token-file FILE the access token (first line); also $RAINGAN_TOKEN.\n"
                "                        Clients send 'Authorization: Bearer TOKEN'; the studio\n"
                "                        is opened once as /?token=TOKEN\n"
                "  -j, --workers N       renders at once (default: one per core, at most 8)\n"
                "      --queue N         requests that may wait for a worker (default 4 each)\n"
                "      --max-body BYTES  largest request body (default 16777216)\n"
                "      --timeout S       seconds for a request to arrive or to wait (default 30)\n"
                "      --max-connections N  open connections at once (default 256)\n"
                "      --max-pages N     pages of one PDF (default 2000)\n"
                "      --studio-dir DIR  the studio's files (default: DATA/studio)\n"
                "      --js-dir DIR      holds codemirror/ and pdf/ (default /usr/share/javascript)\n"
                "  -q, --quiet           no log line per request\n"),
             COMMON_OPTIONS_HELP,
             HELP_OPTION_HELP,
             N_("SIGINT or SIGTERM stops the server after the requests in flight are answered.\n\n"
                "exit status: 0 stopped cleanly, 2 usage, 3 cannot listen, 4 fonts or templates\n"),
             NULL);
}

/* The first line of path into a new string, or NULL (message printed). */
static char *read_token(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return NULL;
    }
    char line[1024];
    char *tok = NULL;
    if (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (strlen(line) >= 16)
            tok = strdup(line);
    }
    fclose(f);
    if (!tok)
        cli_say("raingan serve: %s: the token must be one line of at least 16 "
                        "characters\n",
                path);
    return tok;
}

int cmd_serve(int argc, char **argv)
{
    enum { O_LISTEN = 3000, O_TOKEN, O_QUEUE, O_BODY, O_TIMEOUT, O_CONN, O_PAGES, O_STUDIO, O_JS };
    static const struct option longopts[] = {
        {"port", required_argument, 0, 'p'}, {"listen", required_argument, 0, O_LISTEN},
        {"token-file", required_argument, 0, O_TOKEN}, {"workers", required_argument, 0, 'j'},
        {"queue", required_argument, 0, O_QUEUE}, {"max-body", required_argument, 0, O_BODY},
        {"timeout", required_argument, 0, O_TIMEOUT},
        {"max-connections", required_argument, 0, O_CONN},
        {"max-pages", required_argument, 0, O_PAGES},
        {"studio-dir", required_argument, 0, O_STUDIO}, {"js-dir", required_argument, 0, O_JS},
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, COMMON_LONGOPTS,
        {0, 0, 0, 0}};
    serve_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.port = 8719;
    const char *token_file = NULL;
    cli_common common;
    cli_common_init(&common);
    long v;
    cli_once once = {{0}, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:j:qh", longopts, NULL)) != -1) {
        if (cli_once_check("serve", longopts, c, &once))
            return EXIT_USAGE;
        int bad = 0;
        switch (c) {
        case 'p': bad = cli_parse_count("serve", "--port", optarg, 0, 65535, &v); cfg.port = (int)v; break;
        case 'j': bad = cli_parse_count("serve", "--workers", optarg, 1, 64, &v); cfg.workers = (int)v; break;
        case O_QUEUE: bad = cli_parse_count("serve", "--queue", optarg, 1, 4096, &v); cfg.queue = (size_t)v; break;
        case O_BODY: bad = cli_parse_count("serve", "--max-body", optarg, 1024, 64L << 20, &v); cfg.max_body = (size_t)v; break;
        case O_TIMEOUT: bad = cli_parse_count("serve", "--timeout", optarg, 1, 3600, &v); cfg.timeout_s = (unsigned)v; break;
        case O_CONN: bad = cli_parse_count("serve", "--max-connections", optarg, 1, 10000, &v); cfg.max_conn = (unsigned)v; break;
        case O_PAGES: bad = cli_parse_count("serve", "--max-pages", optarg, 1, 100000, &v); cfg.max_pages = (size_t)v; break;
        case O_LISTEN: cfg.address = optarg; break;
        case O_TOKEN: token_file = optarg; break;
        case O_STUDIO: cfg.studio_dir = optarg; break;
        case O_JS: cfg.js_dir = optarg; break;
        case 'q': cfg.quiet = 1; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_common_option(&common, c, optarg, help))
                return EXIT_USAGE;
            break;
        }
        if (bad)
            return EXIT_USAGE;
    }
    if (optind < argc - 1) {
        cli_say("raingan serve: one folder at most\n");
        help(stderr);
        return EXIT_USAGE;
    }
    cfg.dir = optind < argc ? argv[optind] : ".";
    char *token = NULL;
    if (token_file && !(token = read_token(token_file)))
        return EXIT_USAGE;
    const char *env = getenv("RAINGAN_TOKEN");
    if (!token && env && *env) {
        if (strlen(env) < 16) {
            cli_say("raingan serve: RAINGAN_TOKEN must have at least 16 characters\n");
            return EXIT_USAGE;
        }
        token = strdup(env);
    }
    cfg.token = token;
    common.eng.word_files = common.words;
    cfg.eng = common.eng;
    int rc = serve_run(&cfg);
    free(token);
    return rc;
}
