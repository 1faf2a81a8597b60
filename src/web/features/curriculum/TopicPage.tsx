import { Link, useParams, useSearchParams } from 'react-router';
import { Locale, localeNames } from '../../../core/shared/locale';
import { PROGRAM_TRANSLATION } from '../../../core/curriculum';
import { useProgram } from '../../app/program';
import { Button } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { askedLanguage, useTopic, type TopicView } from './curriculum.api';
import { seesHandouts } from './labels';
import { Markdown } from './Markdown';
import { useT } from '../../i18n/i18n';

/**
 * One topic, readable on a phone: the handout for everyone, and for coaches and staff the skill to
 * try, talking points and questions. "Print handout" prints the handout alone, in large type. The
 * handout comes in the participant's language; "English / Español" shows it in the other (ADR 0051).
 */
export function TopicPage() {
  const program = useProgram();
  const key = useParams().topicKey ?? '';
  const [search] = useSearchParams();
  const lang = askedLanguage(search);
  const topic = useTopic(program.programId, key, lang);
  const t = useT();
  return (
    <Page
      title={topic.data?.title ?? t('curriculum.topic')}
      width="narrow"
      intro={topic.data?.summary}
      actions={
        topic.data ? (
          <Button variant="secondary" onClick={() => window.print()}>
            {t('curriculum.print')}
          </Button>
        ) : null
      }
    >
      <p className="print-hide">
        <Link to={program.to(`curriculum${lang ? `?lang=${lang}` : ''}`)}>
          {seesHandouts(program) ? t('curriculum.allHandouts') : 'All topics'}
        </Link>
      </p>
      {topic.data ? <LanguageLinks shown={topic.data.language} /> : null}
      <QueryView query={topic} loadingLabel={t('curriculum.loadingTopic')}>
        {(shown) => (
          <>
            <Handout topic={shown} />
            {shown.view === 'guide' ? <CoachGuide topic={shown} /> : null}
          </>
        )}
      </QueryView>
    </Page>
  );
}

/** "English · Español": the handout in each language, each named in itself; the one shown is marked. */
function LanguageLinks({ shown }: { shown: Locale }) {
  const t = useT();
  return (
    <nav className="print-hide language-links" aria-label={t('curriculum.language')}>
      <ul>
        {Locale.options.map((l) => (
          <li key={l}>
            {l === shown ? (
              <strong lang={l} aria-current="true">
                {localeNames[l]}
              </strong>
            ) : (
              <Link to={{ search: `?lang=${l}` }} lang={l} hrefLang={l}>
                {localeNames[l]}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Handout({ topic }: { topic: TopicView }) {
  const t = useT();
  return (
    <section className="section handout" aria-labelledby="topic-handout">
      <h2 id="topic-handout" className="handout__heading">
        {t('curriculum.handout')}
      </h2>
      <div className="prose" lang={topic.language}>
        <Markdown source={topic.handout} />
      </div>
      {topic.translation ? (
        <p className="handout__translation">
          {topic.translation.source === PROGRAM_TRANSLATION
            ? t('curriculum.translation.program')
            : t('curriculum.translation.source', { source: topic.translation.source })}
        </p>
      ) : null}
      <p className="handout__footer">{t('curriculum.crisisFooter')}</p>
      <p className="handout__version">{t('curriculum.version', { title: topic.title, version: topic.version })}</p>
    </section>
  );
}

function CoachGuide({ topic }: { topic: Extract<TopicView, { view: 'guide' }> }) {
  return (
    <div className="coach-guide print-hide">
      <p className="coach-guide__note">For coaches and staff. Participants see only the handout.</p>
      <Section title={`Skill to try: ${topic.skill}`} id="topic-skill">
        <div className="prose">
          <Markdown source={topic.skillSteps} />
        </div>
      </Section>
      <Section title="Talking points" id="topic-talking-points">
        <div className="prose">
          <Markdown source={topic.talkingPoints} />
        </div>
      </Section>
      <Section title="Questions to ask" id="topic-questions">
        <div className="prose">
          <Markdown source={topic.questions} />
        </div>
      </Section>
    </div>
  );
}
