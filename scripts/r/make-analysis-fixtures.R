#!/usr/bin/env Rscript
# Reference fixtures for `kindred analyze` (src/core/evaluation, ADR 0022).
#
#   Rscript scripts/r/make-analysis-fixtures.R        (from the repository root)
#
# Generates five synthetic long CSV files under src/core/evaluation/fixtures/, reads each back
# exactly as written, fits the models with R (lm, sandwich::vcovCL, lme4::lmer, glm) and writes
# <name>.expected.json in the shape `kindred analyze` prints, plus the command-line options it
# needs. The unit tests compare every number to these files, so CI needs no R.
#
# Inference conventions (the same as the TypeScript, see ADR 0022):
#   lm terms:        t with the residual df (summary.lm, confint.lm)
#   arm_clustered:   vcovCL(type = "HC1", cadjust = TRUE), t with the residual df (as lmtest::coeftest)
#   lmer terms:      Wald z, normal 95% interval (lme4 gives no p-values)
#   glm terms:       Wald z, normal 95% interval (confint.default, not the profile interval)
#   moderators:      p of arm:moderator (two arms) or the F test of all arm:moderator terms (more
#                    arms), Holm-adjusted across moderators (p.adjust(method = "holm"))
#   categorical:     a text moderator or predictor with 3 or more values is a factor (treatment
#                    contrasts, levels in code-unit order, the first the reference); its interaction
#                    is tested jointly by the Wald F on (arms - 1) x (levels - 1) df (checked equal
#                    to anova(reduced, full)); the arm's effect within each level is arm +
#                    arm:moderator<level>, its SE from vcov(fit), t with the residual df
suppressPackageStartupMessages({
  library(lme4)
  library(sandwich)
  library(jsonlite)
})

outdir <- file.path("src", "core", "evaluation", "fixtures")
if (!dir.exists(outdir)) stop("run from the repository root")
set.seed(20261207)

# ---- Generating the data ------------------------------------------------------------------------

write_long <- function(df, name) {
  write.csv(df, file.path(outdir, paste0(name, ".csv")), row.names = FALSE, na = "", quote = FALSE)
}

# Two arms, coaches as clusters (control participants and some coached ones have no coach),
# follow-ups at 3 and 6 months with missing values, baseline sometimes missing; participant-level
# columns only on the baseline row (a tidy export), the sex moderator categorical.
make_two_arm <- function(n = 420) {
  id <- sprintf("P%04d", seq_len(n))
  arm <- sample(c("control", "coached"), n, TRUE)
  age <- round(rnorm(n, 60, 10))
  sex <- sample(c("man", "woman"), n, TRUE, prob = c(0.8, 0.2))
  coach <- ifelse(arm == "coached", sprintf("C%02d", sample(1:28, n, TRUE)), NA)
  coach[arm == "coached" & runif(n) < 0.1] <- NA
  coach_effect <- setNames(rnorm(28, 0, 0.6), sprintf("C%02d", 1:28))
  ce <- ifelse(is.na(coach), 0, coach_effect[coach])
  u <- rnorm(n, 0, 1.1)
  years <- round(rexp(n, 1 / 8), 1)
  years[runif(n) < 0.05] <- NA
  contacts <- ifelse(arm == "coached", rpois(n, pmax(1, 6 + (age - 60) / 8 + 1.5 * (sex == "woman"))), NA)
  rows <- list()
  for (t in c(0, 3, 6)) {
    effect <- ifelse(arm == "coached" & t > 0, -0.8 * (1 + 0.02 * (age - 60)), 0)
    y <- 6 + u + effect + ce * (t > 0) - 0.1 * t + rnorm(n, 0, 1)
    y[runif(n) < (if (t == 0) 0.03 else 0.15)] <- NA
    first <- t == 0
    rows[[length(rows) + 1]] <- data.frame(
      participant = id, arm = arm, month = t, bpi = round(y, 2),
      coach = if (first) coach else NA, age = if (first) age else NA, sex = if (first) sex else NA,
      years_pain = if (first) years else NA, contacts = if (first) contacts else NA
    )
  }
  d <- do.call(rbind, rows)
  d <- d[order(d$participant, d$month), ]
  list(
    data = d,
    options = list(id = "participant", arm = "arm", control = "control", time = "month", baseline = "0",
                   outcome = "bpi", cluster = "coach", moderators = c("age", "sex", "years_pain"),
                   predictors = c("age", "sex"), contacts = "contacts", target = 6)
  )
}

# Three arms, named timepoints, no clusters; every column on every row.
make_three_arm <- function(n = 330) {
  id <- sprintf("S%03d", seq_len(n))
  arm <- sample(c("usual", "peer", "group"), n, TRUE)
  age <- round(rnorm(n, 55, 12))
  pcs <- round(runif(n, 5, 45))
  u <- rnorm(n, 0, 0.9)
  contacts <- ifelse(arm == "usual", NA, rpois(n, 7 - 0.05 * (pcs - 25)))
  rows <- list()
  for (t in c("baseline", "week12", "week24")) {
    fx <- if (t == "baseline") 0 else c(usual = 0, peer = -0.6, group = -0.3)[arm] * (1 + 0.02 * (pcs - 25))
    y <- 5 + u + fx + rnorm(n, 0, 1) - (t == "week24") * 0.2
    y[runif(n) < (if (t == "baseline") 0 else 0.1)] <- NA
    rows[[length(rows) + 1]] <- data.frame(id = id, group = arm, visit = t, peg = round(y, 2), age = age,
                                           pcs = pcs, contacts = contacts)
  }
  d <- do.call(rbind, rows)
  list(
    data = d[sample(nrow(d)), ], # rows in no particular order
    options = list(id = "id", arm = "group", control = "usual", time = "visit", baseline = "baseline",
                   outcome = "peg", cluster = NULL, moderators = c("pcs", "age"), predictors = c("age", "pcs"),
                   contacts = "contacts", target = 7)
  )
}

# Small: 200 participants, clinic clusters for everyone, a binary numeric predictor.
make_small <- function(n = 200) {
  id <- as.character(1000 + seq_len(n))
  arm <- sample(c("A", "B"), n, TRUE)
  clinic <- sample(sprintf("K%d", 1:12), n, TRUE)
  ke <- setNames(rnorm(12, 0, 0.4), sprintf("K%d", 1:12))
  rural <- rbinom(n, 1, 0.4)
  u <- rnorm(n, 0, 1.5)
  contacts <- ifelse(arm == "B", rpois(n, 4 + 2 * rural), NA)
  rows <- list()
  for (t in c(0, 1, 2, 4)) {
    y <- 20 + 3 * u + (arm == "B" & t > 0) * (-1.5) + ke[clinic] * (t > 0) + rnorm(n, 0, 2)
    y[runif(n) < (if (t == 0) 0 else 0.2)] <- NA
    rows[[length(rows) + 1]] <- data.frame(pid = id, arm = arm, week = t, score = round(y, 1), clinic = clinic,
                                           rural = rural, contacts = contacts)
  }
  d <- do.call(rbind, rows)
  list(
    data = d,
    options = list(id = "pid", arm = "arm", control = "A", time = "week", baseline = "0", outcome = "score",
                   cluster = "clinic", moderators = c("rural"), predictors = c("rural"), contacts = "contacts",
                   target = 5)
  )
}

# Two arms, categorical moderators (issue #12): region with four levels, education with three
# (some missing), beside a numeric and a binary one; region also predicts adherence.
make_categorical <- function(n = 480) {
  id <- sprintf("R%04d", seq_len(n))
  arm <- sample(c("control", "coached"), n, TRUE)
  region <- sample(c("north", "south", "east", "west"), n, TRUE, prob = c(0.3, 0.3, 0.25, 0.15))
  education <- sample(c("school", "college", "degree"), n, TRUE)
  education[runif(n) < 0.05] <- NA
  age <- round(rnorm(n, 58, 11))
  sex <- sample(c("man", "woman"), n, TRUE, prob = c(0.75, 0.25))
  coach <- ifelse(arm == "coached", sprintf("C%02d", sample(1:30, n, TRUE)), NA)
  u <- rnorm(n, 0, 1)
  region_fx <- c(north = -1.2, south = -0.4, east = -0.8, west = 0.1)
  contacts <- ifelse(arm == "coached", rpois(n, 6 + c(north = 1, south = -1, east = 0, west = 2)[region]), NA)
  rows <- list()
  for (t in c(0, 3, 6)) {
    effect <- ifelse(arm == "coached" & t > 0, region_fx[region], 0)
    y <- 6 + u + effect + 0.3 * (education == "degree" & !is.na(education)) - 0.05 * t + rnorm(n, 0, 1)
    y[runif(n) < (if (t == 0) 0.02 else 0.12)] <- NA
    rows[[length(rows) + 1]] <- data.frame(
      participant = id, arm = arm, month = t, peg = round(y, 2), coach = coach, region = region,
      education = education, age = age, sex = sex, contacts = contacts
    )
  }
  d <- do.call(rbind, rows)
  list(
    data = d[order(d$participant, d$month), ],
    options = list(id = "participant", arm = "arm", control = "control", time = "month", baseline = "0",
                   outcome = "peg", cluster = "coach", moderators = c("region", "education", "age", "sex"),
                   predictors = c("region", "age"), contacts = "contacts", target = 6)
  )
}

# Three arms and a three-level site: the interaction has (3 - 1) x (3 - 1) = 4 df.
make_categorical_three_arm <- function(n = 390) {
  id <- sprintf("T%03d", seq_len(n))
  arm <- sample(c("usual", "peer", "group"), n, TRUE)
  site <- sample(c("clinic", "community", "online"), n, TRUE)
  pcs <- round(runif(n, 5, 45))
  u <- rnorm(n, 0, 1)
  contacts <- ifelse(arm == "usual", NA, rpois(n, 6 + (site == "online") * 2))
  rows <- list()
  for (t in c("baseline", "week12", "week24")) {
    fx <- if (t == "baseline") 0 else c(usual = 0, peer = -0.7, group = -0.3)[arm] * c(clinic = 1, community = 0.5, online = 1.5)[site]
    y <- 5 + u + fx + rnorm(n, 0, 1)
    y[runif(n) < (if (t == "baseline") 0 else 0.1)] <- NA
    rows[[length(rows) + 1]] <- data.frame(id = id, group = arm, visit = t, peg = round(y, 2), site = site,
                                           pcs = pcs, contacts = contacts)
  }
  d <- do.call(rbind, rows)
  list(
    data = d[sample(nrow(d)), ],
    options = list(id = "id", arm = "group", control = "usual", time = "visit", baseline = "baseline",
                   outcome = "peg", cluster = NULL, moderators = c("site", "pcs"), predictors = c("site"),
                   contacts = "contacts", target = 7)
  )
}

# ---- The analysis, in R ---------------------------------------------------------------------

term <- function(est, se, lo, hi, p) list(estimate = est, se = se, ci_low = lo, ci_high = hi, p = p)

lm_terms <- function(fit, names) {
  s <- coef(summary(fit))
  ci <- confint(fit)
  stopifnot(nrow(s) == length(names))
  out <- lapply(seq_along(names), function(i) term(s[i, 1], s[i, 2], ci[i, 1], ci[i, 2], s[i, 4]))
  setNames(out, names)
}

wald_terms <- function(est, se, names) {
  z <- qnorm(0.975)
  out <- lapply(seq_along(names), function(i) term(est[i], se[i], est[i] - z * se[i], est[i] + z * se[i],
                                                     2 * pnorm(-abs(est[i] / se[i]))))
  setNames(out, names)
}

analyse <- function(path, o) {
  d <- read.csv(path, na.strings = c("", "NA"), colClasses = "character", check.names = FALSE)
  num <- function(x) as.numeric(x)
  ids <- unique(d[[o$id]])
  idx <- split(seq_len(nrow(d)), factor(d[[o$id]], levels = ids))
  pl <- function(col) vapply(idx, function(ix) {
    x <- d[[col]][ix]
    x <- x[!is.na(x)]
    if (length(x)) x[1] else NA_character_
  }, "", USE.NAMES = FALSE)
  arm <- pl(o$arm)
  others <- sort(setdiff(unique(arm), o$control), method = "radix")
  armlev <- c(o$control, others)
  armf <- factor(arm, levels = armlev)
  arm_names <- if (length(others) == 1) "arm" else paste0("arm:", others)
  times <- setdiff(unique(d[[o$time]]), o$baseline)
  fu <- if (all(!is.na(suppressWarnings(as.numeric(times))))) times[order(as.numeric(times))] else sort(times, method = "radix")
  Y <- lapply(c(o$baseline, fu), function(t) {
    rows <- d[d[[o$time]] == t, ]
    num(rows[[o$outcome]])[match(ids, rows[[o$id]])]
  })
  names(Y) <- c(o$baseline, fu)
  base <- Y[[o$baseline]]
  cl <- if (is.null(o$cluster)) rep(NA_character_, length(ids)) else pl(o$cluster)
  cl <- ifelse(is.na(cl), paste0("\001solo:", ids), cl)
  coding <- setNames(list(), character(0))
  covariate <- function(col) {
    v <- pl(col)
    x <- suppressWarnings(as.numeric(v))
    if (all(is.na(x) == is.na(v))) return(x)
    lev <- sort(unique(v[!is.na(v)]), method = "radix")
    stopifnot(length(lev) >= 2)
    if (length(lev) > 2) return(factor(v, levels = lev))
    coding[[col]] <<- lev[2]
    as.numeric(v == lev[2])
  }
  # A covariate's term names as `kindred analyze` gives them: the name, or name:<level> per later level.
  term_names <- function(x, name) if (is.factor(x)) paste0(name, ":", levels(x)[-1]) else name

  ancova <- lapply(fu, function(t) {
    df <- data.frame(y = Y[[t]], arm = armf, baseline = base, cl = cl)
    df <- df[!is.na(df$y) & !is.na(df$baseline), ]
    fit <- lm(y ~ arm + baseline, data = df)
    names <- c("intercept", arm_names, "baseline")
    V <- vcovCL(fit, cluster = df$cl, type = "HC1")
    rdf <- df.residual(fit)
    robust <- lapply(seq_along(others) + 1, function(i) {
      est <- coef(fit)[i]
      se <- sqrt(V[i, i])
      q <- qt(0.975, rdf)
      list(se = se, ci_low = est - q * se, ci_high = est + q * se, p = 2 * pt(-abs(est / se), rdf))
    })
    list(
      timepoint = t, n = nrow(df), clusters = length(unique(df$cl)), sigma = sigma(fit),
      terms = lm_terms(fit, names),
      arm_clustered = if (length(others) == 1) robust[[1]] else setNames(robust, arm_names)
    )
  })

  long <- do.call(rbind, lapply(fu, function(t) data.frame(id = ids, arm = armf, time = t, y = Y[[t]], baseline = base)))
  long <- long[!is.na(long$y) & !is.na(long$baseline), ]
  long$time <- factor(long$time, levels = fu)
  form <- if (length(fu) > 1) y ~ arm + time + baseline + (1 | id) else y ~ arm + baseline + (1 | id)
  fit_default <- lmer(form, data = long, REML = TRUE)
  # The reference is the REML optimum: the same model with the optimiser's tolerances tightened.
  tight <- lmerControl(optimizer = "nloptwrap",
                       optCtrl = list(xtol_abs = 1e-12, ftol_abs = 1e-14, xtol_rel = 1e-12, ftol_rel = 1e-14, maxeval = 1e5))
  fit <- lmer(form, data = long, REML = TRUE, control = tight)
  mnames <- c("intercept", arm_names, if (length(fu) > 1) paste0("time:", fu[-1]), "baseline")
  vc <- as.data.frame(VarCorr(fit))
  mixed <- list(
    n_obs = nrow(long), participants = length(unique(long$id)),
    terms = wald_terms(unname(fixef(fit)), unname(sqrt(diag(as.matrix(vcov(fit))))), mnames),
    sd_participant = vc$sdcor[vc$grp == "id"], sd_residual = sigma(fit), reml_criterion = REMLcrit(fit)
  )
  default_gap <- max(abs(c(fixef(fit_default) / fixef(fit) - 1, sigma(fit_default) / sigma(fit) - 1,
                           as.data.frame(VarCorr(fit_default))$sdcor / vc$sdcor - 1)))

  moderators <- lapply(o$moderators, function(m) {
    df <- data.frame(y = Y[[fu[1]]], arm = armf, moderator = covariate(m), baseline = base)
    df <- df[complete.cases(df), ]
    fit <- lm(y ~ arm * moderator + baseline, data = df)
    mod_names <- term_names(df$moderator, "moderator")
    int_names <- as.vector(t(outer(mod_names, arm_names, function(mn, a) paste0(a, ":", mn))))
    names <- c("intercept", arm_names, mod_names, "baseline", int_names)
    # R's own names in the same order, so that the mapping is checked rather than assumed.
    r_arm <- paste0("arm", others)
    r_mod <- if (is.factor(df$moderator)) paste0("moderator", levels(df$moderator)[-1]) else "moderator"
    r_names <- c("(Intercept)", r_arm, r_mod, "baseline", as.vector(t(outer(r_mod, r_arm, function(mn, a) paste0(a, ":", mn)))))
    stopifnot(identical(names(coef(fit)), r_names))
    int <- which(names(coef(fit)) %in% r_names[(length(r_names) - length(int_names) + 1):length(r_names)])
    q <- length(int)
    p_int <- if (q == 1) coef(summary(fit))[int, 4] else {
      b <- coef(fit)[int]
      W <- drop(t(b) %*% solve(vcov(fit)[int, int], b)) / q
      p_wald <- pf(W, q, df.residual(fit), lower.tail = FALSE)
      p_anova <- anova(lm(y ~ arm + moderator + baseline, data = df), fit)[["Pr(>F)"]][2]
      stopifnot(abs(p_wald / p_anova - 1) < 1e-8)
      p_wald
    }
    out <- list(variable = m, timepoint = fu[1], n = nrow(df), terms = lm_terms(fit, names), p_interaction = p_int)
    if (is.factor(df$moderator)) {
      V <- vcov(fit)
      rdf <- df.residual(fit)
      qq <- qt(0.975, rdf)
      lev <- levels(df$moderator)
      out$reference_level <- lev[1]
      out$df_interaction <- q
      out$levels <- lapply(seq_along(lev), function(l) {
        effects <- lapply(seq_along(others), function(j) {
          idx <- c(r_arm[j], if (l > 1) paste0(r_arm[j], ":moderator", lev[l]))
          est <- sum(coef(fit)[idx])
          se <- sqrt(sum(V[idx, idx]))
          term(est, se, est - qq * se, est + qq * se, 2 * pt(-abs(est / se), rdf))
        })
        list(level = lev[l], n = sum(df$moderator == lev[l]), effects = setNames(effects, arm_names))
      })
    }
    out
  })
  adj <- p.adjust(vapply(moderators, function(x) x$p_interaction, 0), method = "holm")
  for (i in seq_along(moderators)) moderators[[i]]$p_adjusted <- adj[i]

  contacts <- num(pl(o$contacts))
  adherence <- lapply(others, function(a) {
    sel <- arm == a & !is.na(contacts)
    df <- data.frame(adherent = as.numeric(contacts[sel] >= o$target))
    pnames <- character(0)
    for (p in o$predictors) {
      x <- covariate(p)
      df[[p]] <- x[sel]
      pnames <- c(pnames, term_names(x, p))
    }
    n <- nrow(df)
    rate <- mean(df$adherent)
    df <- df[complete.cases(df), , drop = FALSE]
    fit <- glm(reformulate(if (length(o$predictors)) paste0("`", o$predictors, "`") else "1", "adherent"),
               family = binomial, data = df)
    s <- coef(summary(fit))
    list(arm = a, n = n, rate = rate,
         logistic = list(n = nrow(df), terms = wald_terms(s[, 1], s[, 2], c("intercept", pnames))))
  })

  arms <- as.list(table(armf))
  list(
    participants = length(ids), arms = arms[armlev], coding = coding, ancova = ancova, mixed = mixed,
    moderators = moderators, adherence = adherence,
    lmer_default_vs_tight = default_gap
  )
}

versions <- list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
                 sandwich = as.character(packageVersion("sandwich")))
for (name in c("two-arm", "three-arm", "small", "categorical", "categorical-three-arm")) {
  made <- switch(name, "two-arm" = make_two_arm(), "three-arm" = make_three_arm(), "small" = make_small(),
                 "categorical" = make_categorical(), "categorical-three-arm" = make_categorical_three_arm())
  write_long(made$data, name)
  o <- made$options
  result <- analyse(file.path(outdir, paste0(name, ".csv")), o)
  gap <- result$lmer_default_vs_tight
  result$lmer_default_vs_tight <- NULL
  fixture <- list(
    made_by = "scripts/r/make-analysis-fixtures.R", versions = versions,
    lmer_default_vs_tight_max_relative = gap,
    options = within(o[!vapply(o, is.null, TRUE)], { moderators <- I(moderators); predictors <- I(predictors) }),
    expected = result
  )
  writeLines(toJSON(fixture, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE),
             file.path(outdir, paste0(name, ".expected.json")))
  cat(name, ": ", nrow(made$data), " rows; default lmer vs tight: ", format(gap, digits = 3), "\n", sep = "")
}
