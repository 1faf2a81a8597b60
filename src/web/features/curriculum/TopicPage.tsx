import { Link, useParams } from 'react-router';
import { useProgram } from '../../app/program';
import { Button } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { useTopic, type TopicView } from './curriculum.api';
import { curriculumLabel } from './labels';
import { Markdown } from './Markdown';

/**
 * One topic, readable on a phone: the handout for everyone, and for coaches and staff the skill to
 * try, talking points and questions. "Print handout" prints the handout alone, in large type.
 */
export function TopicPage() {
  const program = useProgram();
  const key = useParams().topicKey ?? '';
  const topic = useTopic(program.programId, key);
  return (
    <Page
      title={topic.data?.title ?? 'Topic'}
      width="narrow"
      intro={topic.data?.summary}
      actions={
        topic.data ? (
          <Button variant="secondary" onClick={() => window.print()}>
            Print handout
          </Button>
        ) : null
      }
    >
      <p className="print-hide">
        <Link to={program.to('curriculum')}>{curriculumLabel(program) === 'Handouts' ? 'All handouts' : 'All topics'}</Link>
      </p>
      <QueryView query={topic} loadingLabel="Loading the topic…">
        {(t) => (
          <>
            <Handout topic={t} />
            {t.view === 'guide' ? <CoachGuide topic={t} /> : null}
          </>
        )}
      </QueryView>
    </Page>
  );
}

function Handout({ topic }: { topic: TopicView }) {
  return (
    <section className="section handout" aria-labelledby="topic-handout">
      <h2 id="topic-handout" className="handout__heading">
        Handout
      </h2>
      <div className="prose">
        <Markdown source={topic.handout} />
      </div>
      <p className="handout__footer">
        Need to talk to someone now? Veterans Crisis Line: dial 988, then press 1, or text 838255.
      </p>
      <p className="handout__version">
        {topic.title} · Kindred handout, version {topic.version}
      </p>
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
