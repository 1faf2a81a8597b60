import { Link, useSearchParams } from 'react-router';
import { useProgram } from '../../app/program';
import { Empty, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { askedLanguage, useCurriculum } from './curriculum.api';
import { curriculumLabel, seesHandouts } from './labels';
import { useT } from '../../i18n/i18n';

/** The program's topics in its order, each leading to its handout (and for coaches, the guide). */
export function CurriculumPage() {
  const program = useProgram();
  const [search] = useSearchParams();
  const lang = askedLanguage(search);
  const curriculum = useCurriculum(program.programId, lang);
  const t = useT();
  const label = curriculumLabel(program, t);
  const intro = seesHandouts(program)
    ? t('curriculum.handoutsIntro')
    : 'The topics of this program, in order. Each has a handout for the participant and, for you, a skill to try, talking points and questions.';
  return (
    <Page title={label} intro={intro} width="narrow">
      <QueryView query={curriculum} loadingLabel={t('curriculum.loadingTopics')}>
        {(topics) =>
          topics.length === 0 ? (
            <Empty>{t('curriculum.noTopics')}</Empty>
          ) : (
            <ol className="cards topic-list">
              {topics.map((topic) => (
                <li key={topic.key} className="card">
                  <h2 className="card__title">
                    <Link to={program.to(`curriculum/${topic.key}${lang ? `?lang=${lang}` : ''}`)} lang={topic.language}>
                      {topic.title}
                    </Link>
                  </h2>
                  <p>{topic.summary}</p>
                  <p className="card__meta">{t('curriculum.skillToTry', { skill: topic.skill })}</p>
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
    </Page>
  );
}
