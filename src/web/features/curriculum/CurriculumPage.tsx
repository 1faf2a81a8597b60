import { Link } from 'react-router';
import { useProgram } from '../../app/program';
import { Empty, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useCurriculum } from './curriculum.api';
import { curriculumLabel } from './labels';

/** The program's topics in its order, each leading to its handout (and for coaches, the guide). */
export function CurriculumPage() {
  const program = useProgram();
  const curriculum = useCurriculum(program.programId);
  const label = curriculumLabel(program);
  const intro =
    label === 'Handouts'
      ? 'Short handouts about living well with pain. Your coach will talk them through with you, and you can print any of them.'
      : 'The topics of this program, in order. Each has a handout for the participant and, for you, a skill to try, talking points and questions.';
  return (
    <Page title={label} intro={intro} width="narrow">
      <QueryView query={curriculum} loadingLabel="Loading the topics…">
        {(topics) =>
          topics.length === 0 ? (
            <Empty>This program has no topics yet.</Empty>
          ) : (
            <ol className="cards topic-list">
              {topics.map((t) => (
                <li key={t.key} className="card">
                  <h2 className="card__title">
                    <Link to={program.to(`curriculum/${t.key}`)}>{t.title}</Link>
                  </h2>
                  <p>{t.summary}</p>
                  <p className="card__meta">Skill to try: {t.skill}</p>
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
    </Page>
  );
}
